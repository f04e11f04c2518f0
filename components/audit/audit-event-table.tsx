import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { AuditEventRow, AuditPerson } from "@/lib/dal/audit/audit-rows";
import { deviceLabel, eventLabel, type Translate } from "./audit-text";
import { describeAuditEvent } from "./audit-sentence";
import { EmptyValue } from "./empty-value";
import { EventBadge } from "./event-badge";

/**
 * The audit log's rows: a real table from tablet width up, one card per event on a phone
 * (only one of the two is ever displayed, so assistive technology meets each event once).
 */
export async function AuditEventTable({ rows, caption, slug }: { rows: AuditEventRow[]; caption: string; slug: string }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const tr: Translate = t;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium" });
  const none = <EmptyValue label={t("audit.none")} />;

  const named = (who: AuditPerson) => (
    <span title={who.email} className="break-words">
      {who.name}
    </span>
  );
  const actor = (row: AuditEventRow) => (row.actor ? named(row.actor) : none);
  const target = (row: AuditEventRow) =>
    row.target ? (
      named(row.target)
    ) : row.unknownUsername !== null ? (
      <span className="break-words italic">{t("audit.unknownUsername", { username: row.unknownUsername })}</span>
    ) : (
      none
    );
  const device = (row: AuditEventRow) =>
    row.userAgent ? (
      <span title={t("audit.fullUserAgent", { userAgent: row.userAgent })}>{deviceLabel(tr, row.userAgent)}</span>
    ) : (
      none
    );
  // What happened, as a sentence; then what the sentence leaves out, and the record's page.
  const details = (row: AuditEventRow) => {
    const { sentence, details: parts, link } = describeAuditEvent(tr, row, { slug, formatDate: when });
    return (
      <>
        <span className="block break-words font-medium text-slate-900 dark:text-slate-100" data-testid="audit-sentence">
          {sentence}
        </span>
        {parts.length ? <span className="mt-0.5 block break-words text-xs text-slate-600 dark:text-slate-400">{parts.join(" · ")}</span> : null}
        {link ? (
          <Link href={link.href} className="mt-0.5 inline-block text-xs font-medium text-brand-700 underline dark:text-brand-300">
            {link.label}
          </Link>
        ) : null}
      </>
    );
  };
  const ip = (row: AuditEventRow) => (row.ip ? <span className="font-mono text-xs">{row.ip}</span> : none);

  return (
    <>
      {/* Focusable and named, so keyboard users can scroll the table when it is wider than its box. */}
      <div className="hidden overflow-x-auto rounded-2xl border border-slate-200 bg-white md:block dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-label={caption}>
        <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-3 py-3">{t("audit.time")}</th>
              <th scope="col" className="px-3 py-3">{t("audit.event")}</th>
              <th scope="col" className="px-3 py-3">{t("audit.actor")}</th>
              <th scope="col" className="px-3 py-3">{t("audit.target")}</th>
              <th scope="col" className="px-3 py-3">{t("audit.ip")}</th>
              <th scope="col" className="px-3 py-3">{t("audit.device")}</th>
              <th scope="col" className="px-3 py-3">{t("audit.details")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {rows.map((row) => (
              <tr key={row.id} className="align-top" data-testid="audit-row">
                <th scope="row" className="px-3 py-3 font-normal text-slate-700 dark:text-slate-300">
                  <time dateTime={row.createdAt.toISOString()}>
                    <span className="block whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "medium" })}</span>
                    <span className="block whitespace-nowrap text-xs text-slate-600 dark:text-slate-400">{format.dateTime(row.createdAt, { timeStyle: "medium" })}</span>
                  </time>
                </th>
                <td className="px-3 py-3">
                  <EventBadge type={row.type} label={eventLabel(tr, row.type)} />
                </td>
                <td className="min-w-28 px-3 py-3">{actor(row)}</td>
                <td className="min-w-28 px-3 py-3">{target(row)}</td>
                <td className="px-3 py-3">{ip(row)}</td>
                <td className="px-3 py-3">{device(row)}</td>
                <td className="min-w-48 px-3 py-3 text-slate-700 dark:text-slate-300">{details(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 md:hidden" aria-label={caption} data-testid="audit-cards">
        {rows.map((row) => (
          <li key={row.id} className="rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <EventBadge type={row.type} label={eventLabel(tr, row.type)} />
              <time dateTime={row.createdAt.toISOString()} className="text-xs text-slate-600 dark:text-slate-400">
                {when(row.createdAt)}
              </time>
            </div>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
              <dt className="text-slate-500 dark:text-slate-400">{t("audit.actor")}</dt>
              <dd className="min-w-0">{actor(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("audit.target")}</dt>
              <dd className="min-w-0">{target(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("audit.ip")}</dt>
              <dd className="min-w-0">{ip(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("audit.device")}</dt>
              <dd className="min-w-0">{device(row)}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("audit.details")}</dt>
              <dd className="min-w-0 text-slate-700 dark:text-slate-300">{details(row)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
