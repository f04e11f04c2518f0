import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";

/** The "Back to sign in" link under every recovery page's card. */
export async function BackToSignIn({ slug }: { slug: string }) {
  const t = await getTranslations("recovery");
  return (
    <p className="mt-6 text-center text-sm">
      <Link href={`/${slug}/login`} className="font-semibold text-brand-700 underline underline-offset-2 dark:text-brand-300">
        <span aria-hidden="true">← </span>
        {t("backToSignIn")}
      </Link>
    </p>
  );
}

/** Why a link can't be used (expired, used, unknown), and the one thing to do next. */
export function LinkProblem({ testId, title, body, actionHref, actionLabel }: { testId: string; title: string; body: string; actionHref: string; actionLabel: string }) {
  return (
    <Card>
      <div data-testid={testId}>
        <PageHeader title={title} lead={body} />
      </div>
      <Link href={actionHref} className={`${buttonStyles.primary} w-full`}>
        {actionLabel}
      </Link>
    </Card>
  );
}
