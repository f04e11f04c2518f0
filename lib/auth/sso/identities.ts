import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password-hash";
import { generateToken } from "@/lib/auth/tokens";
import { auditEventRow } from "@/lib/auth/audit";
import type { RequestMeta } from "@/lib/dal/context";
import type { SsoKind } from "@/lib/generated/prisma/enums";
import { providerIdOf } from "./connection-kinds";
import { findLinkedMember, linkIdentity } from "./linked-identities";
import type { CheckedIdentity } from "./claims";

export { findLinkedMember };

// Which member a provider identity is. The only link is provider + subject, kept by
// @auth/prisma-adapter on the workspace's tenant-scoped client (./linked-identities.ts). An email
// address alone never links an identity to an existing member: Auth.js's
// allowDangerousEmailAccountLinking has let whoever controls an address at some IdP take over the
// account of that address elsewhere. A first link happens either by
// just-in-time provisioning (a new member, created with the connection's default role) or by the
// member confirming it while signed in (linkIdentityToMember).

export type IdentityResolution =
  | { ok: true; userId: string; provisioned: boolean }
  | { ok: false; reason: "not-linked" | "link-required" | "no-email" };

type Connection = { id: string; tenantId: string; kind: SsoKind; displayName: string; jitProvisioning: boolean; jitRole: Role };

export async function resolveMember(connection: Connection, identity: CheckedIdentity, meta: RequestMeta, now = new Date()): Promise<IdentityResolution> {
  const db = tenantDb(connection.tenantId);
  const linked = await findLinkedMember(connection.tenantId, connection.id, identity.subject);
  if (linked) {
    // The adapter has no update for an account; when it was last used is ours to keep.
    await db.account.update({
      where: { tenantId_provider_providerAccountId: { tenantId: connection.tenantId, provider: providerIdOf(connection.id), providerAccountId: identity.subject } },
      data: { lastUsedAt: now },
    });
    return { ok: true, userId: linked, provisioned: false };
  }
  // A workplace app that gave no address in the allowed domains: nobody to provision; a member
  // links the identity while signed in.
  if (!identity.email) return { ok: false, reason: "no-email" };
  // Someone already has this address here: they must link it themselves, signed in, so that
  // whoever the IdP says owns the address can't take over the member who has it.
  const existing = await db.user.findFirst({ where: { email: identity.email }, select: { id: true } });
  if (existing) return { ok: false, reason: "link-required" };
  if (!connection.jitProvisioning) return { ok: false, reason: "not-linked" };
  // A password nobody knows: the member signs in through the IdP (or sets one by the reset link,
  // which SSO required refuses for their domain).
  const passwordHash = await hashPassword(generateToken());
  const email = identity.email;
  try {
    const userId = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { tenantId: connection.tenantId, email, name: identity.name?.slice(0, 100) || email.split("@")[0]!, passwordHash, role: connection.jitRole },
      });
      await linkIdentity(tx, { tenantId: connection.tenantId, connection, userId: user.id, subject: identity.subject, now });
      await tx.auditEvent.create({
        data: auditEventRow({
          tenantId: connection.tenantId,
          type: "sso.member_provisioned",
          actorUserId: user.id,
          targetUserId: user.id,
          ...meta,
          data: { name: connection.displayName, role: connection.jitRole },
        }),
      });
      return user.id;
    });
    return { ok: true, userId, provisioned: true };
  } catch (error) {
    // The same person's first sign-in twice at once: the other request created them.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await findLinkedMember(connection.tenantId, connection.id, identity.subject);
      if (raced) return { ok: true, userId: raced, provisioned: false };
      return { ok: false, reason: "link-required" };
    }
    throw error;
  }
}

/**
 * The signed-in member confirms that this provider identity is theirs. Refused when the identity
 * is already linked to someone else here; the member's email need not match (the decision is
 * theirs, made while signed in), but it must be in the connection's allowed domains, checked by
 * the caller through checkClaims.
 */
export async function linkIdentityToMember(
  connection: Pick<Connection, "id" | "tenantId" | "kind" | "displayName">,
  userId: string,
  subject: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: "linked-to-other" }> {
  const db = tenantDb(connection.tenantId);
  const linked = await findLinkedMember(connection.tenantId, connection.id, subject);
  if (linked && linked !== userId) return { ok: false, reason: "linked-to-other" };
  if (linked === userId) return { ok: true };
  try {
    await db.$transaction(async (tx) => {
      await linkIdentity(tx, { tenantId: connection.tenantId, connection, userId, subject, now });
      await tx.auditEvent.create({
        data: auditEventRow({ tenantId: connection.tenantId, type: "sso.identity_linked", actorUserId: userId, targetUserId: userId, ...meta, data: { name: connection.displayName } }),
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: "linked-to-other" };
    throw error;
  }
  return { ok: true };
}
