import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { recordAuditEvent } from "@/lib/auth/audit";
import { deleteRecoveryCodesIfNoFactorLeft } from "@/lib/auth/recovery-codes";
import { cleanPasskeyName, providerName } from "@/lib/auth/passkeys/names";
import { renewSessionsAfterPrivilegeChange, type RenewedSession } from "@/lib/auth/privilege-change";

export type PasskeyRow = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Backed up to a cloud account (iCloud Keychain, Google Password Manager…): usable on the member's other devices. */
  synced: boolean;
  provider: string | null;
};

/** The member's own passkeys, newest first. */
export async function listOwnPasskeys(ctx: MemberContext): Promise<PasskeyRow[]> {
  const db = authorize(ctx, "workspace.view");
  const rows = await db.passkey.findMany({
    where: { userId: ctx.user.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true, aaguid: true },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, synced: row.backedUp, provider: providerName(row.aaguid) }));
}

export async function countOwnPasskeys(ctx: MemberContext): Promise<number> {
  return authorize(ctx, "workspace.view").passkey.count({ where: { userId: ctx.user.id } });
}

/** Renames one of the member's own passkeys; false when it isn't theirs (or doesn't exist). */
export async function renameOwnPasskey(ctx: MemberContext, passkeyId: string, name: string, meta: RequestMeta): Promise<boolean> {
  const db = authorize(ctx, "workspace.view");
  const current = await db.passkey.findFirst({ where: { id: passkeyId, userId: ctx.user.id }, select: { name: true } });
  if (!current) return false;
  const clean = cleanPasskeyName(name);
  if (clean === current.name) return true;
  await db.passkey.updateMany({ where: { id: passkeyId, userId: ctx.user.id }, data: { name: clean } });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "passkey.renamed",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { passkeyId, from: current.name, name: clean },
  });
  return true;
}

/**
 * Deletes one of the member's own passkeys; false when it isn't theirs (or doesn't exist). One way
 * to sign in fewer is a privilege change (lib/auth/privilege-change.ts): this session carries on
 * under the new token returned (the caller sets the cookie), the member's other sessions end.
 */
export async function deleteOwnPasskey(
  ctx: MemberContext,
  passkeyId: string,
  meta: RequestMeta,
): Promise<{ deleted: false } | { deleted: true; renewedSession: RenewedSession | null }> {
  const db = authorize(ctx, "workspace.view");
  const current = await db.passkey.findFirst({ where: { id: passkeyId, userId: ctx.user.id }, select: { name: true } });
  if (!current) return { deleted: false };
  const deleted = await db.$transaction(async (tx) => {
    const result = await tx.passkey.deleteMany({ where: { id: passkeyId, userId: ctx.user.id } });
    if (result.count === 0) return null;
    return renewSessionsAfterPrivilegeChange(tx, { userId: ctx.user.id, keepSessionId: ctx.sessionId, change: "second-factor-changed" });
  });
  if (!deleted) return { deleted: false };
  await deleteRecoveryCodesIfNoFactorLeft(ctx.tenant.id, ctx.user.id);
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "passkey.deleted",
    actorUserId: ctx.user.id,
    targetUserId: ctx.user.id,
    ...meta,
    data: { passkeyId, name: current.name, otherSessionsEnded: deleted.ended },
  });
  return { deleted: true, renewedSession: deleted.renewed };
}
