import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { reverifyPath } from "@/lib/auth/reverify";

/** Shown on a page of sensitive settings when the member's last verification is older than ten minutes. */
export async function ReverifyNotice({ slug, returnTo }: { slug: string; returnTo: string }) {
  const t = await getTranslations("reverify");
  return (
    <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">{t("noticeTitle")}</p>
      <p className="mt-1">{t("notice")}</p>
      <Link href={reverifyPath(slug, returnTo)} className="mt-2 inline-flex min-h-9 items-center font-semibold text-amber-900 underline dark:text-amber-200">
        {t("noticeLink")}
      </Link>
    </div>
  );
}
