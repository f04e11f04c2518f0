"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { LOCALES } from "@/lib/i18n/locales";
import { switchLocaleAction } from "@/lib/actions/locale-action";

export function LanguageSwitcher({ className = "" }: { className?: string }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  return (
    <form
      action={switchLocaleAction}
      className={`flex items-center gap-2 ${className}`}
      onChange={(event) => {
        const formData = new FormData(event.currentTarget);
        startTransition(async () => {
          await switchLocaleAction(formData);
          router.refresh();
        });
      }}
    >
      <label htmlFor={id} className="text-sm text-slate-600 dark:text-slate-400">
        {t("language")}
      </label>
      <select
        id={id}
        name="locale"
        defaultValue={locale}
        disabled={pending}
        className="min-h-9 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {t(`languageNames.${value}`)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="text-sm underline">
          OK
        </button>
      </noscript>
    </form>
  );
}
