import { isKnownAuditEventType, type KnownAuditEventType } from "@/lib/audit/event-types";
import type { AuditData, AuditEventRow } from "@/lib/dal/audit/audit-rows";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { detailParts, eventLabel, type Translate } from "./audit-text";

// Every audit event as a sentence a person understands ("Mei Manager signed in with a passkey"),
// in the reader's language, with what the sentence doesn't say as short phrases below it and a
// link to the record the event is about where there is a page for it. The sentences live in
// messages/<locale>/audit.json under "auditSentences", one per type in AUDIT_EVENT_TYPES
// (audit-sentence.test.ts fails for a type without one); a type this build doesn't know gets a
// generic sentence, never its raw data.

export type AuditLink = { href: string; label: string };
export type AuditDescription = { sentence: string; details: string[]; link: AuditLink | null };

type Row = Pick<AuditEventRow, "type" | "actor" | "target" | "unknownUsername" | "data">;

// Message keys may not contain dots; values that would form one are shown as stored.
const SAFE_KEY = /^[A-Za-z0-9_-]{1,40}$/;

function translatedOr(t: Translate, key: string, value: string, fallback: string): string {
  const fullKey = `${key}.${value}`;
  return SAFE_KEY.test(value) && isMessageKey(t, fullKey) ? t(fullKey) : fallback;
}

const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value).slice(0, 120));

/** Data keys the sentence itself says, per type: not repeated among the details. */
const IN_SENTENCE: Partial<Record<KnownAuditEventType, readonly string[]>> = {
  "signin.success": ["method"],
  "signin.failure": ["method"],
  "signin.second_factor": ["method"],
  "signin.second_factor_failed": ["method"],
  "signin.link_refused": ["method"],
  "reverify.success": ["method"],
  "reverify.failure": ["method"],
  "member.invited": ["email", "role"],
  "member.invitation_resent": ["email"],
  "member.joined": ["role"],
  "member.role_changed": ["from", "to"],
  "passkey.registered": ["name"],
  "passkey.renamed": ["name", "from"],
  "passkey.deleted": ["name"],
  "passkey.signin": ["name"],
  "mfa.phone.verified": ["phone"],
  "mfa.phone.removed": ["phone"],
  "policy.changed": ["section"],
  "records.exported": ["what"],
  "records.imported": ["kind", "fileName", "status", "imported"],
  "records.transferred": ["toName"],
  "records.bulk_changed": ["what", "action", "value", "changed"],
  "customer.merged": ["customerName", "mergedName"],
  "saved_view.shared": ["name", "list"],
  "saved_view.changed": ["name", "list"],
  "saved_view.deleted": ["name", "list"],
  "dashboard.published": ["name", "audience"],
  "dashboard.unpublished": ["name", "audience"],
  "crm.settings_changed": [],
  "sso.connection_created": ["name", "kind"],
  "sso.connection_changed": ["name"],
  "sso.connection_enabled": ["name"],
  "sso.connection_disabled": ["name"],
  "sso.connection_tested": ["name"],
  "sso.identity_linked": ["name"],
  "sso.member_provisioned": ["name"],
};

/** Internals nobody reads (ids, the session's method list), or said another way (a link). */
const NEVER_SHOWN = new Set(["amr", "passkeyId", "rememberedDeviceId", "importJobId", "toUserId", "invitationId", "sessionId", "invitedBy", "username", "ids", "ownerId", "trashedAt", "customerId", "mergedId", "viewId"]);

const EXPORTS: Record<string, "customers" | "audit" | "accessReview"> = { customers: "customers", "audit log": "audit", "access review": "accessReview" };

/** "with a passkey", "by accepting an invitation": the method as the sentence says it. */
function methodPhrase(t: Translate, method: unknown): string {
  return typeof method === "string" ? translatedOr(t, "auditSentences.methods", method, t("auditSentences.aMethod")) : t("auditSentences.aMethod");
}

function roleLabel(t: Translate, role: unknown): string {
  return typeof role === "string" ? translatedOr(t, "roles", role, role) : "";
}

/** A JSON object the flattened data kept as text ({"status":"ACTIVE"}); null when it isn't one. */
function parsedObject(value: unknown): Record<string, unknown> | null {
  if (typeof value !== "string" || !value.startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A setting's value as a reader says it: yes/no, lists joined, nothing as "(none)". */
function settingValue(t: Translate, value: unknown): string {
  if (typeof value === "boolean") return t(value ? "auditDetails.yes" : "auditDetails.no");
  if (Array.isArray(value)) return value.length ? value.map(text).join(", ") : t("auditDetails.empty");
  if (value === null || value === undefined || value === "") return t("auditDetails.empty");
  if (typeof value === "string") return translatedOr(t, "crmFields.statusValues", value, translatedOr(t, "roles", value, text(value)));
  return text(value);
}

function fieldLabel(t: Translate, field: string): string {
  return translatedOr(t, "auditDetails.fields", field, field);
}

/** A filter's value in words: an event type by its name, a member's id as nobody reads it. */
function filterValue(t: Translate, key: string, value: unknown): string {
  if (key === "type" && typeof value === "string") return eventLabel(t, value);
  if (key === "person" || key === "owner") return value === "me" ? translatedOr(t, "auditDetails.filterValues", "me", "me") : t("auditDetails.onePerson");
  return settingValue(t, value);
}

/** "Filters: status: Active, search: acme", or that nothing was filtered. */
function filtersPart(t: Translate, value: unknown): string | null {
  let entries: [string, unknown][];
  const object = parsedObject(value);
  if (object) entries = Object.entries(object);
  else if (typeof value === "string") entries = [...new URLSearchParams(value)];
  else return null;
  entries = entries.filter(([, v]) => v !== "" && v !== null && v !== undefined);
  if (entries.length === 0) return t("auditDetails.noFilters");
  const described = entries.map(([key, v]) => `${translatedOr(t, "auditDetails.filterKeys", key, key)}: ${filterValue(t, key, v)}`);
  return t("auditDetails.filters", { filters: described.join(", ") });
}

/** Settings changes ({"field":{"from":…,"to":…}}) as "Minimum password length: 12 → 15". */
function changesParts(t: Translate, value: unknown): string[] | null {
  const object = parsedObject(value);
  if (!object) return null;
  return Object.entries(object).map(([field, change]) => {
    const pair = change && typeof change === "object" && !Array.isArray(change) ? (change as { from?: unknown; to?: unknown }) : { to: change };
    return t("auditDetails.change", { field: fieldLabel(t, field), from: settingValue(t, pair.from), to: settingValue(t, pair.to) });
  });
}

/** "Still to do before using the workspace: a new password, setting up two-step sign-in". */
function restrictionPart(t: Translate, value: unknown): string | null {
  if (typeof value !== "string" || !value) return null;
  const steps = value.split(",").map((step) => translatedOr(t, "auditDetails.steps", step.trim(), step.trim()));
  return t("auditDetails.restrictionSteps", { steps: steps.join(", ") });
}

/**
 * The phrases for keys this module knows better than detailParts does; the rest go to it. `all`
 * is the event's whole data, for a phrase that needs a value the sentence already said.
 */
function ownParts(t: Translate, data: AuditData, all: AuditData, formatDate: (date: Date) => string): { parts: string[]; rest: AuditData } {
  const parts: string[] = [];
  const rest: AuditData = {};
  for (const [key, value] of Object.entries(data)) {
    let said: string | string[] | null = null;
    switch (key) {
      case "restriction":
        said = restrictionPart(t, value);
        break;
      case "filters":
        said = filtersPart(t, value);
        break;
      case "changes":
        said = changesParts(t, value);
        break;
      case "stage": {
        const stage = parsedObject(value);
        said = stage ? (changesParts(t, JSON.stringify(stage.changes ?? {})) ?? []) : null;
        break;
      }
      case "otherSessionsEnded":
        if (typeof value === "number") said = value > 0 ? t("auditDetails.otherSessionsEnded", { count: value }) : [];
        break;
      case "synced":
      case "userVerified":
      case "rememberedDevice":
        if (typeof value === "boolean") said = t(`auditDetails.${key}`, { value: String(value) });
        break;
      case "forced":
        if (typeof value === "boolean") said = value ? t("auditDetails.forced") : [];
        break;
      case "provider":
        said = value ? t("auditDetails.provider", { value: text(value) }) : [];
        break;
      // Single sign-on: the connection's name on a sign-in, a test's result, a connection turned off by an edit.
      case "connection":
        said = value ? t("auditDetails.ssoConnection", { value: text(value) }) : [];
        break;
      case "result":
        if (typeof value === "string") said = translatedOr(t, "auditDetails.ssoResult", value, text(value));
        break;
      case "turnedOff":
        if (typeof value === "boolean") said = value ? t("auditDetails.ssoTurnedOff") : [];
        break;
      case "purpose":
        if (typeof value === "string") said = translatedOr(t, "auditDetails.purposes", value, value);
        break;
      case "device":
        said = value ? t("auditDetails.device", { value: text(value) }) : [];
        break;
      case "lastSeenAt": {
        const date = typeof value === "string" ? new Date(value) : null;
        if (date && !Number.isNaN(date.getTime())) said = t("auditDetails.lastSeenAt", { date: formatDate(date) });
        break;
      }
      case "storedCounter":
        said = t("auditDetails.counters", { stored: text(value), presented: text(all.newCounter) });
        break;
      case "newCounter":
        said = [];
        break;
      case "rejected":
        if (typeof value === "number" && typeof all.imported === "number") said = t("auditDetails.importResult", { imported: all.imported, rejected: value });
        break;
      // A bulk action's records left alone (lib/dal/crm/bulk-selection.ts).
      case "skipped":
        if (typeof value === "number") said = value > 0 ? t("auditDetails.bulkSkipped", { count: value }) : [];
      // A merge's moved records, said once.
      case "contacts":
        if (typeof value === "number") {
          said = t("auditDetails.mergeCounts", { contacts: value, opportunities: Number(all.opportunities ?? 0), activities: Number(all.activities ?? 0), tasks: Number(all.tasks ?? 0) });
        }
        break;
      case "activities":
        if (typeof value === "number") said = [];
        break;
      case "customers":
      case "opportunities":
      case "tasks":
        if (key === "customers" && typeof value === "number") {
          said = t("auditDetails.transferCounts", { customers: value, opportunities: Number(all.opportunities ?? 0), tasks: Number(all.tasks ?? 0) });
        } else if (typeof value === "number") said = [];
        break;
    }
    if (said === null) rest[key] = value;
    else parts.push(...(Array.isArray(said) ? said : [said]));
  }
  return { parts, rest };
}

/** The sentence's values for the type: who did it, to whom, and what. */
function sentenceValues(t: Translate, type: KnownAuditEventType, row: Row): Record<string, string | number> {
  const data = row.data;
  const someone = t("auditSentences.someone");
  const target =
    row.target?.name ?? (row.unknownUsername !== null ? t("auditSentences.unknownUser", { username: row.unknownUsername }) : (row.actor?.name ?? someone));
  const actor = row.actor?.name ?? row.target?.name ?? someone;
  const stage = parsedObject(data.stage);
  const what = typeof data.what === "string" ? (EXPORTS[data.what] ?? "other") : "other";
  // The row's kind and section, in words when this build has some, otherwise as "other".
  const kindKey = `auditSentences.kinds.${typeof data.kind === "string" && SAFE_KEY.test(data.kind) ? data.kind : "other"}`;
  const sectionKey = `auditSentences.sections.${typeof data.section === "string" && SAFE_KEY.test(data.section) ? data.section : "other"}`;
  return {
    actor,
    target,
    self: String(!row.actor || !row.target || row.actor.id === row.target.id),
    method: methodPhrase(t, data.method),
    email: text(data.email),
    role: roleLabel(t, data.role),
    from: roleLabel(t, data.from),
    to: roleLabel(t, data.to),
    name: text(data.name),
    previous: type === "passkey.renamed" ? text(data.from) : "",
    phone: text(data.phone),
    toName: text(data.toName),
    customerName: text(data.customerName),
    mergedName: text(data.mergedName),
    viewList: data.list === "opportunities" ? "opportunities" : "customers",
    dashboardAudience: data.audience === "WORKSPACE" ? "WORKSPACE" : "role",
    audienceRole: data.audience === "WORKSPACE" ? "" : roleLabel(t, data.audience),
    section: isMessageKey(t, sectionKey) ? t(sectionKey) : t("auditSentences.sections.other"),
    what: t(`auditSentences.exports.${what}`),
    kind: isMessageKey(t, kindKey) ? t(kindKey) : t("auditSentences.kinds.other"),
    fileName: text(data.fileName),
    status: text(data.status) || "done",
    imported: typeof data.imported === "number" ? data.imported : 0,
    stageAction: typeof stage?.action === "string" && SAFE_KEY.test(stage.action) ? stage.action : "other",
    stageName: text(stage?.name),
    changed: typeof data.changed === "number" ? data.changed : 0,
    bulkWhat: data.what === "opportunities" ? "opportunities" : "customers",
    bulkAction: typeof data.action === "string" && SAFE_KEY.test(data.action) ? data.action : "other",
    value: type === "records.bulk_changed" && data.action === "status" && typeof data.value === "string" ? settingValue(t, data.value) : text(data.value),
  };
}

/** The event as a sentence, the details the sentence leaves out, and a link to its record if it has a page. */
export function describeAuditEvent(t: Translate, row: Row, options: { slug: string; formatDate: (date: Date) => string }): AuditDescription {
  const visible: AuditData = {};
  for (const [key, value] of Object.entries(row.data)) if (!NEVER_SHOWN.has(key)) visible[key] = value;

  if (!isKnownAuditEventType(row.type)) {
    const who = row.actor?.name ?? row.target?.name ?? "none";
    const { parts, rest } = ownParts(t, visible, row.data, options.formatDate);
    return { sentence: t("auditSentences.generic", { who, type: row.type.slice(0, 80) }), details: [...parts, ...detailParts(t, rest, options.formatDate)], link: null };
  }

  const type = row.type;
  const said = new Set(IN_SENTENCE[type] ?? []);
  const unsaid: AuditData = {};
  for (const [key, value] of Object.entries(visible)) if (!said.has(key)) unsaid[key] = value;
  const { parts, rest } = ownParts(t, unsaid, row.data, options.formatDate);

  return { sentence: t(`auditSentences.${type}`, sentenceValues(t, type, row)), details: [...parts, ...detailParts(t, rest, options.formatDate)], link: recordLink(t, type, row.data, options.slug) };
}

/** The page the event is about, where there is one: the import, or the exported view with its filters. */
function recordLink(t: Translate, type: KnownAuditEventType, data: AuditData, slug: string): AuditLink | null {
  const base = `/${encodeURIComponent(slug)}`;
  if (type === "records.imported" && typeof data.importJobId === "string" && SAFE_KEY.test(data.importJobId)) {
    return { href: `${base}/customers/import/jobs/${encodeURIComponent(data.importJobId)}`, label: t("auditDetails.openImport") };
  }
  if (type === "customer.merged" && typeof data.customerId === "string" && SAFE_KEY.test(data.customerId)) {
    return { href: `${base}/customers/${encodeURIComponent(data.customerId)}`, label: t("auditDetails.openCustomer") };
  }
  if (type === "records.exported" && (data.what === "customers" || data.what === "audit log")) {
    const object = parsedObject(data.filters);
    const query = object
      ? new URLSearchParams(Object.entries(object).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
      : new URLSearchParams(typeof data.filters === "string" ? data.filters : "");
    const search = query.toString();
    return { href: `${base}/${data.what === "customers" ? "customers" : "audit"}${search ? `?${search}` : ""}`, label: t("auditDetails.openView") };
  }
  return null;
}
