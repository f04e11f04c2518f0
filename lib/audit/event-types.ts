import type { AuditEventType } from "@/lib/auth/audit";

// The audit event types the log's filter offers, grouped as they are shown. The type-level check
// below fails the type check when lib/auth/audit.ts gains a type that is missing here, so a new
// event can't silently drop out of the filter (its label lives in messages/<locale>/audit.json
// under "auditEvents").
export const AUDIT_EVENT_GROUPS = [
  {
    group: "signIn",
    types: ["signin.success", "signin.failure", "signout", "signin.second_factor", "signin.second_factor_failed", "signin.remembered_device", "reverify.success", "reverify.failure"],
  },
  {
    group: "account",
    types: ["account.locked", "account.unlocked", "device.new", "device.not_me", "mfa.device_forgotten", "mfa.devices_forgotten_all", "mfa.reset_by_admin"],
  },
  {
    group: "password",
    types: ["password.changed", "password.reset_requested", "password.reset", "password.change_forced", "password.reset_required"],
  },
  { group: "sessions", types: ["session.revoked", "sessions.revoked_all"] },
  {
    group: "members",
    types: [
      "member.invited",
      "member.invitation_resent",
      "member.invitation_revoked",
      "member.joined",
      "member.role_changed",
      "member.deactivated",
      "member.reactivated",
    ],
  },
  {
    group: "secondFactors",
    types: ["mfa.totp.enabled", "mfa.totp.disabled", "mfa.recovery_codes.regenerated", "mfa.recovery_codes.removed", "mfa.phone.verified", "mfa.phone.removed", "mfa.email_code.enabled", "mfa.email_code.disabled"],
  },
  {
    group: "passkeys",
    types: ["passkey.registered", "passkey.renamed", "passkey.deleted", "passkey.signin", "passkey.counter_regression", "signin.link_requested", "signin.link_refused"],
  },
  { group: "workspace", types: ["workspace.created", "policy.changed", "crm.settings_changed", "records.imported", "records.exported", "records.transferred", "records.bulk_changed", "customer.merged", "saved_view.shared", "saved_view.changed", "saved_view.deleted", "dashboard.published", "dashboard.unpublished"] },
  {
    group: "sso",
    types: [
      "sso.connection_created",
      "sso.connection_changed",
      "sso.connection_enabled",
      "sso.connection_disabled",
      "sso.connection_tested",
      "sso.identity_linked",
      "sso.member_provisioned",
    ],
  },
] as const satisfies readonly { group: string; types: readonly AuditEventType[] }[];

export type KnownAuditEventType = (typeof AUDIT_EVENT_GROUPS)[number]["types"][number];

export const AUDIT_EVENT_TYPES: readonly KnownAuditEventType[] = AUDIT_EVENT_GROUPS.flatMap((g) => g.types);

type Unlisted = Exclude<AuditEventType, KnownAuditEventType>;
// If this line fails to compile, add the type named in the error to AUDIT_EVENT_GROUPS.
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

export function isKnownAuditEventType(value: string): value is KnownAuditEventType {
  return (AUDIT_EVENT_TYPES as readonly string[]).includes(value);
}

/** The two event types that make up a member's sign-in history. */
export const SIGN_IN_EVENT_TYPES = ["signin.success", "signin.failure"] as const satisfies readonly AuditEventType[];
