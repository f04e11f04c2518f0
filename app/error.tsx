"use client";
import { useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";

// Shown instead of any unexpected server error: no message, stack or digest details reach the page.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("pages");
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-6 py-16 text-center">
      <h1 className="text-2xl font-bold">{t("errorTitle")}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">{t("errorBody")}</p>
      <button type="button" onClick={reset} className={`${buttonStyles.primary} mx-auto mt-8`}>
        {t("tryAgain")}
      </button>
    </main>
  );
}
