import "server-only";
import { appUrl } from "@/lib/config";
import { tenantDb } from "@/lib/db/tenant-db";
import { recordAuditEvent } from "@/lib/auth/audit";
import { currentSession } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import type { RequestMeta } from "@/lib/dal/context";
import { checkClaims, type ClaimsRefusal } from "./claims";
import type { LoadedConnection } from "./connections";
import type { SsoFlow } from "./flow-cookie";
import { linkIdentityToMember, resolveMember } from "./identities";
import { issueSsoTicket } from "./tickets";

// What Auth.js's signIn callback answers once the provider has proved an identity (the protocol
// checks are done): a URL, always, so that Auth.js redirects there instead of creating a user or
// a session of its own. The URL is either our completion route with a single-use ticket, the
// login page with the reason for a refusal, or (for an admin's test and a member's link) the page
// the flow started from.

export type SsoRefusal = ClaimsRefusal | "connection-disabled" | "not-linked" | "link-required" | "linked-to-other" | "not-signed-in";

export function loginPageUrl(slug: string, reason: SsoRefusal | "ticket" | "failed" | "network" | "blocked"): string {
  return `${appUrl()}/${encodeURIComponent(slug)}/login?sso=${reason}`;
}

export function settingsUrl(slug: string, query: string): string {
  return `${appUrl()}/${encodeURIComponent(slug)}/settings/sso?${query}`;
}

async function auditRefusal(connection: LoadedConnection, reason: string, meta: RequestMeta, email: string | null) {
  const target = email ? await tenantDb(connection.tenantId).user.findUnique({ where: { tenantId_email: { tenantId: connection.tenantId, email } }, select: { id: true } }) : null;
  await recordAuditEvent({
    tenantId: connection.tenantId,
    type: "signin.failure",
    targetUserId: target?.id ?? null,
    ...meta,
    data: { method: "sso", connection: connection.displayName, reason, ...(target ? {} : email ? { username: email } : {}) },
  });
}

export async function answerProviderSignIn(input: { connection: LoadedConnection; flow: SsoFlow; claims: Record<string, unknown>; meta: RequestMeta; now?: Date }): Promise<string> {
  const { connection, flow, meta } = input;
  const slug = connection.tenant.slug;
  const checked = checkClaims(connection, input.claims);

  if (flow.intent === "test") {
    // Only an admin of this workspace may mark the configuration as working.
    const admin = await currentSession();
    if (!admin || admin.tenant.id !== connection.tenantId || !can(admin.role, "sso.manage")) return loginPageUrl(slug, "not-signed-in");
    const now = input.now ?? new Date();
    if (checked.ok) await tenantDb(connection.tenantId).ssoConnection.update({ where: { tenantId_id: { tenantId: connection.tenantId, id: connection.id } }, data: { testedAt: now } });
    await recordAuditEvent({
      tenantId: connection.tenantId,
      type: "sso.connection_tested",
      actorUserId: admin.user.id,
      ...meta,
      data: { name: connection.displayName, result: checked.ok ? "passed" : "failed", ...(checked.ok ? {} : { reason: checked.reason }) },
    });
    return settingsUrl(slug, checked.ok ? `tested=${connection.id}` : `testFailed=${checked.reason}&connection=${connection.id}`);
  }

  if (!connection.enabled) {
    await auditRefusal(connection, "connection-disabled", meta, checked.ok ? checked.identity.email : checked.email);
    return loginPageUrl(slug, "connection-disabled");
  }
  if (!checked.ok) {
    await auditRefusal(connection, checked.reason, meta, checked.email);
    return loginPageUrl(slug, checked.reason);
  }

  if (flow.intent === "link") {
    const member = await currentSession();
    if (!member || member.tenant.id !== connection.tenantId) return loginPageUrl(slug, "not-signed-in");
    const linked = await linkIdentityToMember(connection, member.user.id, checked.identity.subject, meta);
    return `${appUrl()}/${encodeURIComponent(slug)}/security?sso=${linked.ok ? "linked" : linked.reason}`;
  }

  const resolved = await resolveMember(connection, checked.identity, meta);
  if (!resolved.ok) {
    await auditRefusal(connection, resolved.reason, meta, checked.identity.email);
    return loginPageUrl(slug, resolved.reason);
  }
  const ticket = await issueSsoTicket({
    tenantId: connection.tenantId,
    connectionId: connection.id,
    userId: resolved.userId,
    purpose: "sign-in",
    claims: { email: checked.identity.email, subject: checked.identity.subject, amr: checked.identity.amr, acr: checked.identity.acr, provisioned: resolved.provisioned, next: flow.next },
    now: input.now,
  });
  return `${appUrl()}/api/${encodeURIComponent(slug)}/sso/complete?ticket=${encodeURIComponent(ticket)}`;
}
