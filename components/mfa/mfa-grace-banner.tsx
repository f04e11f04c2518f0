import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

/** "Set up a second factor by <date>": the workspace requires one and the grace period is running. */
export async function MfaGraceBanner({ slug, workspace, deadline, passed }: { slug: string; workspace: string; deadline: Date; passed: boolean }) {
  const [t, format] = await Promise.all([getTranslations("mfaEnrol"), getFormatter()]);
  return (
    <div role="note" data-testid="mfa-grace-banner" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p>{!passed ? t("graceBanner", { workspace, date: format.dateTime(deadline, { dateStyle: "long" }) }) : t("graceBannerOver", { workspace })}</p>
      <Link href={`/${slug}/security#mfa-title`} className="mt-1 inline-flex min-h-9 items-center font-semibold text-amber-900 underline dark:text-amber-200">
        {t("graceBannerLink")}
      </Link>
    </div>
  );
}
