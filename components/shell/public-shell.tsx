import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";

/** The frame of every page a signed-out visitor sees. */
export async function PublicShell({ children, narrow = true }: { children: ReactNode; narrow?: boolean }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900">
        {t("skipToContent")}
      </a>
      <header className="flex items-center justify-between gap-4 px-4 py-4 sm:px-8">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-slate-900 dark:text-white">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white dark:bg-brand-500 dark:text-slate-950">
            R
          </span>
          {t("appName")}
        </Link>
        <LanguageSwitcher />
      </header>
      <main id="main" className={`mx-auto w-full flex-1 px-4 pb-16 pt-4 sm:px-6 ${narrow ? "max-w-md" : "max-w-5xl"}`}>
        {children}
      </main>
    </div>
  );
}
