import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "@/lib/dal/context";
import { tenantDb } from "@/lib/db/tenant-db";
import { auditEventRow } from "@/lib/auth/audit";
import { authorityOf, issuerFor } from "@/lib/auth/sso/connection-kinds";
import { sealClientSecret } from "@/lib/auth/sso/connections";
import { checkIssuerDiscovery, type DiscoveryProblem } from "@/lib/auth/sso/discovery";
import { assertOutboundUrlAllowed, OutboundUrlRefusedError } from "@/lib/auth/sso/outbound-fetch";
import { isWorkplaceKind } from "@/lib/auth/sso/workplace-apps";
import { ssoConnectionSchema, type SsoConnectionInput } from "@/lib/validation/sso";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import type { SsoKind, Role } from "@/lib/generated/prisma/client";

// The settings page's connections (/<workspace>/settings/sso, Owners and Admins). Every change is
// audited. A change to what the protocol depends on (kind, issuer, directory or hosted domain,
// client id or secret) turns the connection off and forgets its test: "Test sign-in" must succeed
// again with the new configuration before it can be switched back on.

export type ConnectionView = {
  id: string;
  kind: SsoKind;
  displayName: string;
  issuer: string;
  providerTenant: string;
  authority: string;
  clientId: string;
  allowedDomains: string[];
  jitProvisioning: boolean;
  jitRole: Role;
  enabled: boolean;
  testedAt: Date | null;
  trustIdpMfa: boolean;
  ssoRequired: boolean;
  linkedMembers: number;
};

export async function listConnections(ctx: MemberContext): Promise<ConnectionView[]> {
  const db = authorize(ctx, "sso.manage");
  const rows = await db.ssoConnection.findMany({ orderBy: { createdAt: "asc" }, include: { _count: { select: { accounts: true } } } });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    displayName: row.displayName,
    issuer: row.issuer,
    providerTenant: row.providerTenant ?? "",
    authority: authorityOf(row.kind, row.issuer, row.providerTenant),
    clientId: row.clientId,
    allowedDomains: row.allowedDomains,
    jitProvisioning: row.jitProvisioning,
    jitRole: row.jitRole,
    enabled: row.enabled,
    testedAt: row.testedAt,
    trustIdpMfa: row.trustIdpMfa,
    ssoRequired: row.ssoRequired,
    linkedMembers: row._count.accounts,
  }));
}

const DISCOVERY_ERRORS: Record<DiscoveryProblem, string> = {
  insecure: "ssoIssuerInsecure",
  private: "ssoIssuerPrivate",
  invalid: "ssoIssuerInvalid",
  unreachable: "ssoIssuerUnreachable",
  "not-discovery": "ssoIssuerNotDiscovery",
  "issuer-mismatch": "ssoIssuerMismatch",
};

export type SaveResult = { ok: true; id: string; created: boolean } | { ok: false; fieldErrors: Record<string, string[]> } | { ok: false; formError: string };

const PROTOCOL_FIELDS = ["kind", "issuer", "providerTenant", "clientId"] as const;
const SETTING_FIELDS = ["displayName", "allowedDomains", "jitProvisioning", "jitRole", "trustIdpMfa", "ssoRequired"] as const;

export async function saveConnection(ctx: MemberContext, raw: unknown, meta: RequestMeta): Promise<SaveResult> {
  const db = authorize(ctx, "sso.manage");
  const parsed = ssoConnectionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const input: SsoConnectionInput = parsed.data;
  const issuer = issuerFor(input.kind, input);
  // Google's domain and Entra's GUID are case-insensitive; the workplace apps' ids are compared as given.
  const providerTenant = input.kind === "OIDC" ? null : input.kind === "GOOGLE" || input.kind === "ENTRA" ? input.providerTenant.toLowerCase() : input.providerTenant;
  const existing = input.id ? await db.ssoConnection.findFirst({ where: { id: input.id } }) : null;
  if (input.id && !existing) return { ok: false, formError: "ssoConnectionNotFound" };

  const protocolChanged = !existing || existing.issuer !== issuer || existing.kind !== input.kind || existing.providerTenant !== providerTenant || existing.clientId !== input.clientId || input.clientSecret !== "";
  if (isWorkplaceKind(input.kind)) {
    // No discovery document: an endpoint origin other than the apps' own must pass the same guard.
    if (issuer) {
      try {
        await assertOutboundUrlAllowed(issuer);
      } catch (error) {
        if (error instanceof OutboundUrlRefusedError) return { ok: false, fieldErrors: { authority: [DISCOVERY_ERRORS[error.reason]] } };
        throw error;
      }
    }
  } else if (protocolChanged && (!existing || existing.issuer !== issuer)) {
    const discovery = await checkIssuerDiscovery(issuer);
    if (!discovery.ok) return { ok: false, fieldErrors: { [input.kind === "OIDC" ? "issuer" : "authority"]: [DISCOVERY_ERRORS[discovery.problem]] } };
  }

  const settings = {
    kind: input.kind,
    displayName: input.displayName,
    issuer,
    providerTenant,
    clientId: input.clientId,
    allowedDomains: input.allowedDomains,
    jitProvisioning: input.jitProvisioning,
    jitRole: input.jitRole,
    trustIdpMfa: input.trustIdpMfa,
    ssoRequired: input.ssoRequired,
  };
  const tenantId = ctx.tenant.id;
  return tenantDb(tenantId).$transaction(async (tx) => {
    if (!existing) {
      const created = await tx.ssoConnection.create({ data: { tenantId, ...settings, clientSecretSealed: "pending" } });
      await tx.ssoConnection.update({
        where: { tenantId_id: { tenantId, id: created.id } },
        data: { clientSecretSealed: sealClientSecret(tenantId, created.id, input.clientSecret) },
      });
      await tx.auditEvent.create({
        data: auditEventRow({ tenantId, type: "sso.connection_created", actorUserId: ctx.user.id, ...meta, data: { name: input.displayName, kind: input.kind } }),
      });
      return { ok: true, id: created.id, created: true };
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of [...PROTOCOL_FIELDS, ...SETTING_FIELDS]) {
      const before = existing[field];
      const after = settings[field];
      if (JSON.stringify(before) !== JSON.stringify(after)) changes[field] = { from: before, to: after };
    }
    // The secret's value is never written to the log; that it changed is.
    if (input.clientSecret) changes.clientSecret = { from: "•••", to: "•••" };
    const resetTest = protocolChanged;
    await tx.ssoConnection.update({
      where: { tenantId_id: { tenantId, id: existing.id } },
      data: {
        ...settings,
        ...(input.clientSecret ? { clientSecretSealed: sealClientSecret(tenantId, existing.id, input.clientSecret) } : {}),
        ...(resetTest ? { testedAt: null, enabled: false } : {}),
      },
    });
    if (Object.keys(changes).length > 0) {
      await tx.auditEvent.create({
        data: auditEventRow({
          tenantId,
          type: "sso.connection_changed",
          actorUserId: ctx.user.id,
          ...meta,
          data: { name: input.displayName, changes: JSON.stringify(changes), ...(resetTest && existing.enabled ? { turnedOff: true } : {}) },
        }),
      });
    }
    return { ok: true, id: existing.id, created: false };
  });
}

export type ToggleResult = { ok: true } | { ok: false; formError: string };

/** Enabling needs a passed "Test sign-in" with the configuration as it is now. */
export async function setConnectionEnabled(ctx: MemberContext, id: string, enabled: boolean, meta: RequestMeta): Promise<ToggleResult> {
  const db = authorize(ctx, "sso.manage");
  const connection = await db.ssoConnection.findFirst({ where: { id } });
  if (!connection) return { ok: false, formError: "ssoConnectionNotFound" };
  if (enabled && !connection.testedAt) return { ok: false, formError: "ssoTestRequired" };
  if (connection.enabled === enabled) return { ok: true };
  const tenantId = ctx.tenant.id;
  await tenantDb(tenantId).$transaction(async (tx) => {
    // The test must still be there at the moment of the write (a concurrent edit clears it).
    const updated = await tx.ssoConnection.updateMany({ where: { id, ...(enabled ? { testedAt: { not: null } } : {}) }, data: { enabled } });
    if (updated.count !== 1) throw new Error("connection changed meanwhile");
    await tx.auditEvent.create({
      data: auditEventRow({ tenantId, type: enabled ? "sso.connection_enabled" : "sso.connection_disabled", actorUserId: ctx.user.id, ...meta, data: { name: connection.displayName } }),
    });
  });
  return { ok: true };
}
