import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { buttonStyles } from "@/components/ui/button-styles";

export default async function NotFound() {
  const t = await getTranslations("pages");
  return (
    <PublicShell>
      <div className="py-12 text-center">
        <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">404</p>
        <h1 className="mt-2 text-2xl font-bold">{t("notFoundTitle")}</h1>
        <p className="mt-3 text-slate-600 dark:text-slate-400">{t("notFoundBody")}</p>
        <Link href="/login" className={`${buttonStyles.secondary} mt-8`}>
          {t("findWorkspace")}
        </Link>
      </div>
    </PublicShell>
  );
}
