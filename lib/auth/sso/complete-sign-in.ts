import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { recordAuditEvent } from "@/lib/auth/audit";
import { completePrimarySignIn } from "@/lib/auth/complete-sign-in";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { signInBlockOf } from "@/lib/auth/sign-in-gate";
import type { RequestMeta } from "@/lib/dal/context";
import { idpReportsMultiFactor } from "./claims";
import { consumeSsoTicket } from "./tickets";

// The completion route (/api/<workspace>/sso/complete?ticket=…) turns a ticket into the app's own
// session, the way every other sign-in method does: the workspace in the route's path must be the
// ticket's, the connection must still be enabled, the workspace's IP allowlist and the sign-in
// gate (deactivation, a required password reset) apply, and the MFA policy decides whether a
// second factor is still owed, unless the connection trusts the IdP's MFA and its amr/acr say
// it was used. The session is listed at /security and revocable like any other.

export type SsoCompletion = { ok: true; redirectTo: string } | { ok: false; reason: "ticket" | "connection-disabled" | "network" | "blocked" };

export async function completeSsoSignIn(input: { workspace: { id: string; slug: string }; ticket: string; meta: RequestMeta; now?: Date }): Promise<SsoCompletion> {
  const { workspace, meta } = input;
  const consumed = await consumeSsoTicket(input.ticket, workspace.id, input.now);
  if (!consumed.ok) {
    // A replayed or foreign ticket is written in the log of the workspace it was asked for.
    await recordAuditEvent({
      tenantId: workspace.id,
      type: "signin.failure",
      targetUserId: consumed.ticket && consumed.ticket.tenantId === workspace.id ? consumed.ticket.userId : null,
      ...meta,
      data: { method: "sso", reason: `ticket-${consumed.reason}` },
    });
    return { ok: false, reason: "ticket" };
  }
  const { ticket } = consumed;
  const [connection, tenant, securityPolicy] = await Promise.all([
    tenantDb(workspace.id).ssoConnection.findUnique({ where: { tenantId_id: { tenantId: workspace.id, id: ticket.connectionId } } }),
    systemDb().tenant.findUniqueOrThrow({ where: { id: workspace.id }, select: { id: true, slug: true, sessionIdleMinutes: true, sessionAbsoluteMinutes: true } }),
    getSecurityPolicy(workspace.id),
  ]);
  const refuse = async (reason: string) =>
    recordAuditEvent({ tenantId: workspace.id, type: "signin.failure", targetUserId: ticket.userId, ...meta, data: { method: "sso", connection: connection?.displayName ?? null, reason } });
  if (ticket.purpose !== "sign-in" || !ticket.userId) {
    await refuse("ticket-unknown");
    return { ok: false, reason: "ticket" };
  }
  if (!connection?.enabled) {
    await refuse("connection-disabled");
    return { ok: false, reason: "connection-disabled" };
  }
  if (!ipAllowed(meta.ip, securityPolicy.ipAllowlist)) {
    await refuse("network");
    return { ok: false, reason: "network" };
  }
  const block = await signInBlockOf(workspace.id, ticket.userId);
  if (block) {
    await refuse(block === "inactive" ? "deactivated" : block);
    return { ok: false, reason: "blocked" };
  }
  const { redirectTo } = await completePrimarySignIn({
    tenant,
    userId: ticket.userId,
    method: "sso",
    idpMultiFactor: connection.trustIdpMfa && idpReportsMultiFactor({ amr: ticket.claims.amr ?? [], acr: ticket.claims.acr ?? null }),
    next: ticket.claims.next ?? null,
    auditDetails: { connection: connection.displayName },
    ...meta,
  });
  return { ok: true, redirectTo };
}
