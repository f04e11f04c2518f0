import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { appUrl } from "@/lib/config";
import { slugProblem } from "@/lib/workspace/slug";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInHelp"))("title") };
}

const TOPICS = ["findPage", "forgot", "locked", "wrong", "network", "cookies", "browser", "who"] as const;

export default async function SignInHelpPage({ searchParams }: { searchParams: Promise<{ workspace?: string }> }) {
  const t = await getTranslations("signInHelp");
  const { workspace } = await searchParams;
  const slug = typeof workspace === "string" && !slugProblem(workspace) ? workspace : null;
  const example = `${appUrl().replace(/^https?:\/\//, "")}/${slug ?? "your-company"}/login`;
  return (
    <PublicShell narrow={false}>
      <div className="mx-auto max-w-3xl">
        <PageHeader title={t("title")} lead={t("lead")} />
        {slug ? (
          <p className="mb-6">
            <Link href={`/${slug}/login`} className="font-semibold text-brand-700 underline dark:text-brand-300">
              {t("backToLogin")}
            </Link>
          </p>
        ) : null}
        <nav aria-label={t("title")} className="mb-6">
          <ul className="grid gap-2 sm:grid-cols-2">
            {TOPICS.map((topic) => (
              <li key={topic}>
                <a href={`#${topic}`} className="text-sm font-medium text-brand-700 underline dark:text-brand-300">
                  {t(`${topic}Title`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="space-y-4">
          {TOPICS.map((topic) => (
            <Card key={topic}>
              <section id={topic} aria-labelledby={`${topic}-title`}>
                <h2 id={`${topic}-title`} className="text-lg font-semibold">
                  {t(`${topic}Title`)}
                </h2>
                <p className="mt-2 text-slate-700 dark:text-slate-300">{t(`${topic}Body`, { example })}</p>
                {topic === "findPage" ? (
                  <Link href="/login" className="mt-2 inline-block font-semibold text-brand-700 underline dark:text-brand-300">
                    {t("findPageLink")}
                  </Link>
                ) : null}
              </section>
            </Card>
          ))}
        </div>
      </div>
    </PublicShell>
  );
}
