import { createTranslator } from "next-intl";
import { MESSAGES } from "@/lib/i18n/messages";
import { isMessageKey, type RootTranslator } from "@/lib/i18n/message-keys";
import { isKnownAuditEventType } from "@/lib/audit/event-types";
import { summarizeUserAgent } from "@/lib/user-agent";
import type { AuditData } from "@/lib/dal/audit/audit-rows";

// Turns audit rows into words, for the page (in the reader's language) and the CSV export (in
// English). Takes any next-intl translator: getTranslations() on the page, translatorFor("en")
// in the export.

export type Translate = RootTranslator;

/** English, whatever the reader's language: for CSV exports, whose columns are English too. */
export function englishTranslator(): Translate {
  return createTranslator({ locale: "en", messages: MESSAGES.en });
}

/** The event's translated name; an event type this build doesn't know is shown as stored. */
export function eventLabel(t: Translate, type: string): string {
  return isKnownAuditEventType(type) ? t(`auditEvents.${type}`) : type;
}

/** "Chrome on Windows", "Safari on iOS", "curl", or "Unknown device". */
export function deviceLabel(t: Translate, userAgent: string | null): string {
  const { browser, os } = summarizeUserAgent(userAgent);
  if (browser && os) return t("device.summary", { browser, os });
  return browser ?? os ?? t("device.unknown");
}

// Message keys may not contain dots; values that would form one are shown as stored.
const SAFE_KEY = /^[A-Za-z0-9_-]{1,40}$/;

function translated(t: Translate, namespace: string, value: string): string {
  const key = `${namespace}.${value}`;
  return SAFE_KEY.test(value) && isMessageKey(t, key) ? t(key) : value;
}

/** Keys that another column already shows, or that are ids nobody reads. */
const HIDDEN = new Set(["username", "invitationId", "sessionId", "invitedBy", "keptCurrent", "from", "to"]);

const ADMIN_UNLOCK_YEAR = 9999;

/**
 * The event's data as short phrases ("Method: Password", "Role: Sales rep → Manager"), known keys
 * translated, anything else as "key: value" so nothing recorded is hidden from the reader.
 */
export function detailParts(t: Translate, data: AuditData, formatDate: (date: Date) => string): string[] {
  const parts: string[] = [];
  const text = (value: unknown) => String(value).slice(0, 120);
  if (typeof data.from === "string" && typeof data.to === "string") {
    parts.push(t("auditDetails.roleChange", { from: translated(t, "roles", data.from), to: translated(t, "roles", data.to) }));
  }
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === "" || HIDDEN.has(key)) continue;
    switch (key) {
      case "method":
        parts.push(t("auditDetails.method", { value: translated(t, "auditDetails.methods", text(value)) }));
        continue;
      case "reason":
        parts.push(t("auditDetails.reason", { value: translated(t, "auditDetails.reasons", text(value)) }));
        continue;
      case "alertedAt": {
        const date = typeof value === "string" ? new Date(value) : null;
        if (date && !Number.isNaN(date.getTime())) {
          parts.push(t("auditDetails.alertedAt", { date: formatDate(date) }));
          continue;
        }
        break;
      }
      case "removedPasskeys":
        if (typeof value === "number") {
          if (value > 0) parts.push(t("auditDetails.removedPasskeys", { count: value }));
          continue;
        }
        break;
      case "removedAuthenticatorApp":
      case "removedPhone":
      case "removedRecoveryCodes":
      case "removedEmailCodes":
        if (typeof value === "boolean") {
          if (value) parts.push(t(`auditDetails.${key}`));
          continue;
        }
        break;
      case "via":
        parts.push(translated(t, "auditDetails.via", text(value)));
        continue;
      case "role":
        parts.push(t("auditDetails.role", { value: translated(t, "roles", text(value)) }));
        continue;
      case "email":
        parts.push(t("auditDetails.email", { value: text(value) }));
        continue;
      case "restriction":
        parts.push(value === "password-change" ? t("auditDetails.restriction") : `${key}: ${text(value)}`);
        continue;
      case "lockedUntil": {
        const date = typeof value === "string" ? new Date(value) : null;
        if (date && !Number.isNaN(date.getTime())) {
          parts.push(
            date.getUTCFullYear() >= ADMIN_UNLOCK_YEAR ? t("auditDetails.lockedUntilAdmin") : t("auditDetails.lockedUntil", { date: formatDate(date) }),
          );
          continue;
        }
        break;
      }
      case "phone":
      case "replacedPhone":
        parts.push(t(`auditDetails.${key}`, { value: text(value) }));
        continue;
      case "lockNumber":
        parts.push(t("auditDetails.lockNumber", { value: text(value) }));
        continue;
      case "count":
      case "sessionsRevoked":
        if (typeof value === "number") {
          parts.push(t("auditDetails.sessionsEnded", { count: value }));
          continue;
        }
        break;
      case "wasLocked":
        if (typeof value === "boolean") {
          parts.push(t("auditDetails.wasLocked", { value: String(value) }));
          continue;
        }
        break;
    }
    parts.push(`${key}: ${typeof value === "boolean" ? t(value ? "auditDetails.yes" : "auditDetails.no") : text(value)}`);
  }
  if (data.keptCurrent === true) parts.push(t("auditDetails.keptCurrent"));
  return parts;
}
