import { getFormatter, getTranslations } from "next-intl/server";
import { isMessageKey } from "@/lib/i18n/message-keys";
import type { RecordChangeEntry } from "@/lib/dal/crm/list-record-changes";
import { formatCrmPhone } from "@/lib/validation/crm-phone";

// A record's history: who, when, which fields, old → new. Field names come from
// "crmFields.<field>" (other areas add theirs there); values from the fixed lists are translated,
// members' ids shown by name, dates and amounts formatted for the reader.

type Props = {
  entries: RecordChangeEntry[];
  /** Names for member ids that appear as values (ownerId, assigneeId…). */
  memberNames?: Record<string, string>;
  /** Names for other ids that appear as values (stageId → stage name, customerId → customer name…). */
  valueNames?: Record<string, Record<string, string>>;
  /** Fields holding money, with the currency to format them in. */
  currency?: string;
  /** Labels that differ for this kind of record (a contact's "title" is a job title). */
  fieldLabels?: Record<string, string>;
};

const LIST_FIELDS: Record<string, string> = { industry: "industry", size: "size", source: "source", status: "status", preferredChannel: "channel" };
const MEMBER_FIELDS = new Set(["ownerId", "assigneeId", "actorId", "createdById"]);
const PHONE_FIELDS = new Set(["phone", "mobile"]);
const MONEY_FIELDS = new Set(["amount"]);
const DATE_FIELDS = new Set(["expectedCloseDate", "dueAt", "occurredAt", "closedAt", "completedAt"]);

export async function RecordHistory({ entries, memberNames = {}, valueNames = {}, currency, fieldLabels = {} }: Props) {
  const t = await getTranslations();
  const format = await getFormatter();

  // Field names, list values and actions come from stored rows: one this build has no words for
  // is shown as stored.
  function words(key: string, stored: string): string {
    return isMessageKey(t, key) && typeof t.raw(key) === "string" ? t(key) : stored;
  }

  function fieldLabel(field: string): string {
    if (fieldLabels[field]) return fieldLabels[field];
    return words(`crmFields.${field}`, field);
  }

  function value(field: string, raw: unknown): string {
    if (raw === null || raw === undefined || raw === "" || (Array.isArray(raw) && raw.length === 0)) return t("recordHistory.empty");
    if (Array.isArray(raw)) return raw.map((item) => value(field, item)).join(", ");
    const text = String(raw);
    const list = LIST_FIELDS[field];
    const listKey = `crmFields.${list}Values.${text}`;
    if (list && isMessageKey(t, listKey)) return t(listKey);
    if (MEMBER_FIELDS.has(field)) return memberNames[text] ?? t("recordHistory.formerMember");
    if (valueNames[field]?.[text]) return valueNames[field][text];
    if (PHONE_FIELDS.has(field)) return formatCrmPhone(text);
    if (MONEY_FIELDS.has(field) && currency && Number.isFinite(Number(text))) return format.number(Number(text), { style: "currency", currency });
    if (DATE_FIELDS.has(field) && !Number.isNaN(Date.parse(text))) return format.dateTime(new Date(text), { dateStyle: "medium" });
    if (typeof raw === "boolean") return raw ? t("recordHistory.yes") : t("recordHistory.no");
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }

  if (entries.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("recordHistory.none")}</p>;
  return (
    <ol className="space-y-3" data-testid="record-history">
      {entries.map((entry) => {
        const fields = Object.entries(entry.changes);
        const action = words(`recordHistory.actions.${entry.action}`, entry.action);
        return (
          <li key={entry.id} className="rounded-xl border border-slate-200 p-3 text-sm dark:border-slate-800">
            <p>
              <span className="font-medium">{entry.actorName ?? t("recordHistory.someone")}</span> · {action} ·{" "}
              <time dateTime={entry.changedAt.toISOString()} className="text-slate-600 dark:text-slate-400">
                {format.dateTime(entry.changedAt, { dateStyle: "medium", timeStyle: "short" })}
              </time>
            </p>
            {fields.length > 0 && entry.action !== "created" ? (
              <ul className="mt-2 space-y-1">
                {fields.map(([field, change]) => (
                  <li key={field} className="wrap-anywhere">
                    <span className="font-medium">{fieldLabel(field)}</span>:{" "}
                    <del className="text-slate-500 dark:text-slate-400">{value(field, change.from)}</del>
                    {" → "}
                    <ins className="no-underline">{value(field, change.to)}</ins>
                  </li>
                ))}
              </ul>
            ) : null}
            {entry.action === "created" && fields.length > 0 ? (
              <p className="mt-1 text-slate-600 dark:text-slate-400">
                {fields
                  .filter(([, change]) => change.to !== null && !(Array.isArray(change.to) && change.to.length === 0))
                  .map(([field, change]) => `${fieldLabel(field)}: ${value(field, change.to)}`)
                  .join(" · ")}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
