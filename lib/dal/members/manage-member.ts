import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { assignableRoles, canManageMember } from "@/lib/auth/permissions";
import { revokeAllSessionsOfUser } from "@/lib/auth/sessions";
import { recordAuditEvent } from "@/lib/auth/audit";
import { endSessionsAfterPrivilegeChange, renewSessionsAfterPrivilegeChange, type RenewedSession } from "@/lib/auth/privilege-change";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TenantDb } from "@/lib/db/tenant-db";
import { Prisma } from "@/lib/generated/prisma/client";

export type ManageResult =
  /** renewedSession: the acting member changed their own role; set it as their session cookie. */
  | { ok: true; renewedSession?: RenewedSession }
  | { ok: false; reason: "notFound" | "notAllowed" | "lastOwner" | "self" };

async function findTarget(db: TenantDb, userId: string) {
  return db.user.findFirst({ where: { id: userId }, select: { id: true, role: true, status: true, email: true } });
}

async function otherActiveOwners(db: Pick<TenantDb, "user">, userId: string) {
  return db.user.count({ where: { role: "OWNER", status: "ACTIVE", id: { not: userId } } });
}

/**
 * Runs a change that could remove an Owner under a per-workspace lock, so two Owners demoting or
 * deactivating each other at the same moment can't both succeed and leave no Owner.
 */
async function withOwnersLocked<T>(db: TenantDb, work: (tx: Parameters<Parameters<TenantDb["$transaction"]>[0]>[0]) => Promise<T>) {
  return db.$transaction(async (tx) => {
    await tx.$tenantQuery((tenant) => Prisma.sql`SELECT 1 FROM "Tenant" WHERE "id" = ${tenant} FOR UPDATE`);
    return work(tx);
  });
}

export async function changeMemberRole(ctx: MemberContext, userId: string, role: Role, meta: RequestMeta): Promise<ManageResult> {
  const db = authorize(ctx, "members.changeRole");
  const target = await findTarget(db, userId);
  if (!target) return { ok: false, reason: "notFound" };
  if (!canManageMember(ctx.role, target.role) || !assignableRoles(ctx.role).includes(role)) return { ok: false, reason: "notAllowed" };
  if (target.role === role) return { ok: true };
  // A workspace always keeps at least one active Owner.
  // The new role starts with new session tokens (lib/auth/privilege-change.ts): an Owner changing
  // their own role keeps this session under a new token, every other session of the member ends.
  const changed = await withOwnersLocked(db, async (tx) => {
    if (target.role === "OWNER" && (await otherActiveOwners(tx, target.id)) === 0) return null;
    await tx.user.updateMany({ where: { id: target.id }, data: { role } });
    const keepSessionId = target.id === ctx.user.id ? ctx.sessionId : null;
    return renewSessionsAfterPrivilegeChange(tx, { userId: target.id, keepSessionId, change: "role-changed" });
  });
  if (!changed) return { ok: false, reason: "lastOwner" };
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "member.role_changed",
    actorUserId: ctx.user.id,
    targetUserId: target.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { from: target.role, to: role, sessionsEnded: changed.ended },
  });
  return changed.renewed ? { ok: true, renewedSession: changed.renewed } : { ok: true };
}

/** Deactivation ends every session of the member at once: their next request is signed out. */
export async function deactivateMember(ctx: MemberContext, userId: string, meta: RequestMeta): Promise<ManageResult> {
  const db = authorize(ctx, "members.deactivate");
  if (userId === ctx.user.id) return { ok: false, reason: "self" };
  const target = await findTarget(db, userId);
  if (!target) return { ok: false, reason: "notFound" };
  if (!canManageMember(ctx.role, target.role)) return { ok: false, reason: "notAllowed" };
  const changed = await withOwnersLocked(db, async (tx) => {
    if (target.role === "OWNER" && (await otherActiveOwners(tx, target.id)) === 0) return false;
    await tx.user.updateMany({ where: { id: target.id }, data: { status: "DEACTIVATED" } });
    return true;
  });
  if (!changed) return { ok: false, reason: "lastOwner" };
  const revoked = await revokeAllSessionsOfUser(ctx.tenant.id, target.id, "deactivated");
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "member.deactivated",
    actorUserId: ctx.user.id,
    targetUserId: target.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { sessionsRevoked: revoked },
  });
  return { ok: true };
}

export async function reactivateMember(ctx: MemberContext, userId: string, meta: RequestMeta): Promise<ManageResult> {
  const db = authorize(ctx, "members.deactivate");
  const target = await findTarget(db, userId);
  if (!target) return { ok: false, reason: "notFound" };
  if (!canManageMember(ctx.role, target.role)) return { ok: false, reason: "notAllowed" };
  // No session from before comes back to life with the account: deactivation revoked them, but a
  // sign-in that was already past its checks could have created one since, which the status check
  // alone would let through again the moment the member is ACTIVE.
  const ended = await db.$transaction(async (tx) => {
    await tx.user.updateMany({ where: { id: target.id }, data: { status: "ACTIVE" } });
    return endSessionsAfterPrivilegeChange(tx, { userId: target.id, change: "reactivated" });
  });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "member.reactivated",
    actorUserId: ctx.user.id,
    targetUserId: target.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { sessionsEnded: ended },
  });
  return { ok: true };
}
