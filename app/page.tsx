import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { buttonStyles } from "@/components/ui/button-styles";

export default async function LandingPage() {
  const t = await getTranslations("landing");
  const features = [
    { title: t("featureLoginTitle"), body: t("featureLoginBody") },
    { title: t("featureRolesTitle"), body: t("featureRolesBody") },
    { title: t("featureSessionsTitle"), body: t("featureSessionsBody") },
  ];
  return (
    <PublicShell narrow={false}>
      <section className="py-10 text-center sm:py-16">
        <h1 className="mx-auto max-w-3xl text-4xl font-extrabold tracking-tight text-slate-900 sm:text-5xl dark:text-white">
          {t("headline")}
        </h1>
        <p className="mx-auto mt-5 max-w-2xl text-lg text-slate-600 dark:text-slate-300">{t("lead")}</p>
        <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row">
          <Link href="/signup" className={`${buttonStyles.primary} w-full sm:w-auto`}>
            {t("createWorkspace")}
          </Link>
          <Link href="/login" className={`${buttonStyles.secondary} w-full sm:w-auto`}>
            {t("signIn")}
          </Link>
        </div>
      </section>
      <ul className="grid gap-4 sm:grid-cols-3">
        {features.map((feature) => (
          <li key={feature.title} className="rounded-2xl border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900">
            <h2 className="font-semibold text-slate-900 dark:text-white">{feature.title}</h2>
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{feature.body}</p>
          </li>
        ))}
      </ul>
      <footer className="mt-16 text-center text-sm text-slate-500 dark:text-slate-400">{t("footer")}</footer>
    </PublicShell>
  );
}
