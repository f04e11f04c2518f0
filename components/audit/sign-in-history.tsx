import { getFormatter, getTranslations } from "next-intl/server";
import { isMessageKey } from "@/lib/i18n/message-keys";
import type { SignInHistoryRow } from "@/lib/dal/audit/list-own-sign-in-history";
import { deviceLabel, type Translate } from "./audit-text";
import { EmptyValue } from "./empty-value";

// A member's own recent sign-ins (rows from listOwnSignInHistory), for their security page:
//   const rows = await listOwnSignInHistory(member, 20);
//   <SignInHistory rows={rows} />
// A table from tablet width up, one card per attempt on a phone.
export async function SignInHistory({ rows, headingLevel = 2 }: { rows: SignInHistoryRow[]; headingLevel?: 2 | 3 }) {
  const [root, t, format] = await Promise.all([getTranslations(), getTranslations("signInHistory"), getFormatter()]);
  const tr: Translate = root;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const none = <EmptyValue label={root("audit.none")} />;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  const translated = (namespace: string, value: string) => {
    const key = `${namespace}.${value}`;
    return /^[A-Za-z0-9_-]{1,40}$/.test(value) && isMessageKey(tr, key) ? tr(key) : value;
  };

  const result = (row: SignInHistoryRow) =>
    row.success ? (
      <span className="inline-block rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
        {t("success")}
      </span>
    ) : (
      <span className="inline-block rounded-full bg-red-100 px-2.5 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-950 dark:text-red-200">
        {row.reason ? t("failureReason", { reason: translated("auditDetails.reasons", row.reason) }) : t("failure")}
      </span>
    );
  const method = (row: SignInHistoryRow) => (row.method ? translated("auditDetails.methods", row.method) : none);
  const ip = (row: SignInHistoryRow) => (row.ip ? <span className="font-mono text-xs">{row.ip}</span> : none);
  const device = (row: SignInHistoryRow) => (row.userAgent ? <span title={row.userAgent}>{deviceLabel(tr, row.userAgent)}</span> : none);
  const cell = "px-3 py-3";

  return (
    <section aria-labelledby="sign-in-history-heading" data-testid="sign-in-history">
      <Heading id="sign-in-history-heading" className="text-lg font-semibold">
        {t("title")}
      </Heading>
      <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>
      ) : (
        <>
          {/* Focusable and named, so keyboard users can scroll the table when it is wider than its box. */}
          <div className="hidden overflow-x-auto rounded-2xl border border-slate-200 bg-white md:block dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label={t("caption")}>
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
                <tr>
                  <th scope="col" className={cell}>{t("time")}</th>
                  <th scope="col" className={cell}>{t("result")}</th>
                  <th scope="col" className={cell}>{t("method")}</th>
                  <th scope="col" className={cell}>{t("ip")}</th>
                  <th scope="col" className={cell}>{t("device")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" className={`${cell} whitespace-nowrap font-normal`}>
                      <time dateTime={row.at.toISOString()}>{when(row.at)}</time>
                    </th>
                    <td className={cell}>{result(row)}</td>
                    <td className={cell}>{method(row)}</td>
                    <td className={cell}>{ip(row)}</td>
                    <td className={cell}>{device(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-3 md:hidden" aria-label={t("caption")}>
            {rows.map((row) => (
              <li key={row.id} className="rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  {result(row)}
                  <time dateTime={row.at.toISOString()} className="text-xs text-slate-600 dark:text-slate-400">
                    {when(row.at)}
                  </time>
                </div>
                <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
                  <dt className="text-slate-500 dark:text-slate-400">{t("method")}</dt>
                  <dd>{method(row)}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t("ip")}</dt>
                  <dd>{ip(row)}</dd>
                  <dt className="text-slate-500 dark:text-slate-400">{t("device")}</dt>
                  <dd>{device(row)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
