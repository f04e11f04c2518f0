import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Tabs between the settings pages (security, CRM, single sign-on). */
export async function SettingsSubnav({ slug, current }: { slug: string; current: "security" | "crm" | "sso" }) {
  const t = await getTranslations("crmSettings");
  const base = `/${encodeURIComponent(slug)}/settings`;
  const tabs = [
    { key: "security", href: `${base}/security`, label: t("navSecurity") },
    { key: "crm", href: `${base}/crm`, label: t("nav") },
    { key: "sso", href: `${base}/sso`, label: t("navSso") },
  ] as const;
  return (
    <nav aria-label={t("settingsNav")} className="mb-6 flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={current === tab.key ? "page" : undefined}
          className={`-mb-px min-h-11 border-b-2 px-4 py-2.5 text-sm font-medium ${
            current === tab.key
              ? "border-brand-600 text-brand-700 dark:border-brand-400 dark:text-brand-300"
              : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
          }`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
