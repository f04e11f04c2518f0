import { getFormatter, getTranslations } from "next-intl/server";
import type { AccessReviewRow } from "@/lib/dal/access-review/list-access-review";
import type { EnrolledAuthenticator } from "@/lib/dal/access-review/enrolled-authenticators";
import { EmptyValue } from "./empty-value";

/** Every member and their access: a table from tablet width up, one card per member on a phone. */
export async function AccessReviewTable({ rows, caption, currentUserId }: { rows: AccessReviewRow[]; caption: string; currentUserId: string }) {
  const [t, root, format] = await Promise.all([getTranslations("accessReview"), getTranslations(), getFormatter()]);
  const role = (row: AccessReviewRow) => root(`roles.${row.role}`);
  const none = <EmptyValue label={t("none")} />;
  const dateTime = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const twoLines = (date: Date) => (
    <time dateTime={date.toISOString()} title={dateTime(date)}>
      <span className="block whitespace-nowrap">{format.dateTime(date, { dateStyle: "medium" })}</span>
      <span className="block whitespace-nowrap text-xs text-slate-600 dark:text-slate-400">{format.dateTime(date, { timeStyle: "short" })}</span>
    </time>
  );

  const name = (row: AccessReviewRow) => (
    <>
      <span className="font-medium text-slate-900 dark:text-white">{row.name}</span>
      {row.id === currentUserId ? <span className="ml-1.5 text-xs text-slate-500 dark:text-slate-400">({t("you")})</span> : null}
      <span className="block break-words text-xs text-slate-600 dark:text-slate-400">{row.email}</span>
    </>
  );
  const status = (row: AccessReviewRow) => (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${
        row.status === "ACTIVE"
          ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
          : "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200"
      }`}
    >
      {t(`status${row.status}`)}
    </span>
  );
  const lastSignIn = (row: AccessReviewRow) => (row.lastSignInAt ? twoLines(row.lastSignInAt) : t("never"));
  const passwordAge = (row: AccessReviewRow) => (
    <>
      <span title={dateTime(row.passwordChangedAt)}>{t("days", { count: row.passwordAgeDays })}</span>
      {row.passwordExpired ? (
        <span className="mt-1 block w-fit rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {t("passwordExpired")}
        </span>
      ) : null}
    </>
  );
  const authenticators = (items: EnrolledAuthenticator[]) =>
    items.length === 0 ? none : items.map((item) => item.label ?? t(`factorKinds.${item.kind}`)).join(", ");
  const locked = (row: AccessReviewRow) =>
    row.locked ? (
      <span className="block">
        <span className="inline-flex items-center gap-1.5 font-semibold text-red-700 dark:text-red-300">
          <span aria-hidden="true" className="h-2 w-2 rounded-full bg-red-600 dark:bg-red-400" />
          {t("lockedLabel")}
        </span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">
          {row.lockedUntilAdminUnlocks || !row.lockedUntil ? t("untilAdmin") : t("untilDate", { date: dateTime(row.lockedUntil) })}
        </span>
      </span>
    ) : (
      <span className="text-slate-600 dark:text-slate-400">{t("notLocked")}</span>
    );
  const cell = "px-3 py-3";

  return (
    <>
      {/* Focusable and named, so keyboard users can scroll the table when it is wider than its box. */}
      <div className="hidden overflow-x-auto rounded-2xl border border-slate-200 bg-white md:block dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label={caption}>
        <table className="w-full border-collapse text-left text-sm" data-testid="access-review-table">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
            <tr>
              <th scope="col" className={`${cell} min-w-48`}>{t("member")}</th>
              <th scope="col" className={cell}>{t("role")}</th>
              <th scope="col" className={cell}>{t("status")}</th>
              <th scope="col" className={cell}>{t("lastSignIn")}</th>
              <th scope="col" className={cell}>{t("passwordAge")}</th>
              <th scope="col" className={cell}>{t("secondFactors")}</th>
              <th scope="col" className={cell}>{t("passkeys")}</th>
              <th scope="col" className={cell}>{t("locked")}</th>
              <th scope="col" className={`${cell} text-right`}>{t("activeSessions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {rows.map((row) => (
              <tr key={row.id} className="align-top" data-testid={`access-row-${row.email}`}>
                <th scope="row" className={`${cell} font-normal`}>{name(row)}</th>
                <td className={`${cell} whitespace-nowrap`}>{role(row)}</td>
                <td className={cell}>{status(row)}</td>
                <td className={cell}>{lastSignIn(row)}</td>
                <td className={`${cell} whitespace-nowrap`}>{passwordAge(row)}</td>
                <td className={cell}>{authenticators(row.secondFactors)}</td>
                <td className={cell}>{authenticators(row.passkeys)}</td>
                <td className={`${cell} min-w-36`}>{locked(row)}</td>
                <td className={`${cell} text-right tabular-nums`}>{row.activeSessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 md:hidden" aria-label={caption} data-testid="access-review-cards">
        {rows.map((row) => (
          <li key={row.id} className="rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">{name(row)}</div>
              {status(row)}
            </div>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
              <dt className="text-slate-500 dark:text-slate-400">{t("role")}</dt>
              <dd>{role(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("lastSignIn")}</dt>
              <dd>{lastSignIn(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("passwordAge")}</dt>
              <dd>{passwordAge(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("secondFactors")}</dt>
              <dd>{authenticators(row.secondFactors)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("passkeys")}</dt>
              <dd>{authenticators(row.passkeys)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("locked")}</dt>
              <dd>{locked(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("activeSessions")}</dt>
              <dd className="tabular-nums">{row.activeSessions}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
