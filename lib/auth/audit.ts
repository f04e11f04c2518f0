import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import type { Prisma } from "@/lib/generated/prisma/client";

// Security events, appended to AuditEvent (which the database keeps append-only).
export type AuditEventType =
  | "workspace.created"
  | "signin.success"
  | "signin.failure"
  | "signout"
  | "session.revoked"
  | "member.invited"
  | "member.invitation_resent"
  | "member.invitation_revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.deactivated"
  | "member.reactivated"
  | "password.changed"
  | "password.reset_requested"
  | "password.reset"
  | "password.change_forced"
  // An admin ended a member's sessions and required a new password (lib/dal/members/member-security.ts): { sessionsRevoked }.
  | "password.reset_required"
  | "account.locked"
  | "account.unlocked"
  | "sessions.revoked_all"
  | "device.new"
  | "device.not_me"
  | "policy.changed"
  // CRM settings (lib/dal/crm/crm-settings.ts): { changes }.
  | "crm.settings_changed"
  // A CSV import finished or failed (lib/dal/imports/run-import.ts): { importJobId, kind, fileName, status, imported, rejected }.
  | "records.imported"
  // An Owner handed one member's records to another (lib/dal/tasks/transfer-records.ts): { toUserId, toName, customers, opportunities, tasks }.
  | "records.transferred"
  // A bulk action on a list (lib/dal/customers/bulk-update-customers.ts, lib/dal/opportunities/bulk-update-opportunities.ts):
  // { what, action, value?, changed, skipped, ids | filters, trashedAt? }.
  | "records.bulk_changed"
  // Two customers merged into one (lib/dal/customers/merge-customers.ts): the kept customer is the
  // target record { customerId, customerName, mergedId, mergedName, contacts, opportunities, activities, tasks }.
  | "customer.merged"
  // Saved views of a list shared with the workspace (lib/dal/lists/saved-views.ts): shared { viewId, name, list, filters },
  // changed { viewId, name, list, changes } (also when shared or unshared), deleted { viewId, name, list }.
  | "saved_view.shared"
  | "saved_view.changed"
  | "saved_view.deleted"
  // Home dashboards an Owner or Admin publishes to the workspace or a role (lib/dal/dashboards/home-dashboard.ts):
  // published { dashboardId, name, audience, reports }, unpublished { dashboardId, name, audience }.
  | "dashboard.published"
  | "dashboard.unpublished"
  // Passkeys (lib/auth/passkeys/*): registered/renamed/deleted { passkeyId, name }, signin { passkeyId, purpose },
  // counter_regression { passkeyId, storedCounter, newCounter }.
  | "passkey.registered"
  | "passkey.renamed"
  | "passkey.deleted"
  | "passkey.signin"
  | "passkey.counter_regression"
  // Emailed sign-in links (lib/auth/email-sign-in-link.ts): requested, and refused { reason }.
  | "signin.link_requested"
  | "signin.link_refused"
  // Second-factor sign-in step, re-verification, remembered devices, admin reset (lib/auth/complete-second-factor.ts, reverify.ts, remembered-devices.ts).
  | "signin.second_factor"
  | "signin.second_factor_failed"
  | "signin.remembered_device"
  | "reverify.success"
  | "reverify.failure"
  | "mfa.device_forgotten"
  | "mfa.devices_forgotten_all"
  | "mfa.reset_by_admin"
  // CRM exports (app/[tenant]/(app)/customers/export): { what, filters }.
  | "records.exported"
  // The member's own second factors (lib/dal/mfa/own-mfa.ts): phone events carry { phone } masked.
  | "mfa.totp.enabled"
  | "mfa.totp.disabled"
  | "mfa.recovery_codes.regenerated"
  // Recovery codes made after a sign-in the member reported as "this wasn't me" (lib/auth/require-password-reset.ts).
  | "mfa.recovery_codes.removed"
  | "mfa.phone.verified"
  | "mfa.phone.removed"
  | "mfa.email_code.enabled"
  | "mfa.email_code.disabled"
  // Company single sign-on (lib/auth/sso, lib/dal/sso): connections { name, kind, changes }, a test
  // sign-in { name, result, reason }, an identity linked { name } and a member provisioned { name, role }.
  // SSO sign-ins themselves are signin.success / signin.failure with method "sso" and { connection, reason }.
  | "sso.connection_created"
  | "sso.connection_changed"
  | "sso.connection_enabled"
  | "sso.connection_disabled"
  | "sso.connection_tested"
  | "sso.identity_linked"
  | "sso.member_provisioned";

export type AuditEventInput = {
  tenantId: string;
  type: AuditEventType;
  actorUserId?: string | null;
  targetUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  data?: Prisma.InputJsonValue;
};

/**
 * The row for an event, for a write inside a transaction of the caller's (tx.auditEvent.create):
 * every event is typed by AuditEventType, the one list of types the audit log describes
 * (components/audit/audit-sentence.test.ts holds every writer to it).
 */
export function auditEventRow(event: AuditEventInput): Prisma.AuditEventUncheckedCreateInput {
  return {
    tenantId: event.tenantId,
    type: event.type,
    actorUserId: event.actorUserId ?? null,
    targetUserId: event.targetUserId ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    data: event.data,
  };
}

export async function recordAuditEvent(event: AuditEventInput) {
  await tenantDb(event.tenantId).auditEvent.create({ data: auditEventRow(event) });
}
