import "server-only";
import type { TenantDb } from "@/lib/db/tenant-db";
import { generateToken, hashToken } from "./tokens";
import type { RevokeReason } from "./sessions";

// A member's privileges changed: their role, their reactivation, or how their account is
// protected (a second factor or passkey added or removed, new recovery codes, an admin resetting
// their second factors). No session token issued before the change may carry over into it: a
// fixated or stolen cookie would otherwise gain the new role, or outlive the factors its session
// was proved with. So, per session of that member:
//
// - the session the member made the change from (a change of their own) gets a new token, which
//   the caller sets as the cookie in the same response. The row stays (its id, how and when it
//   was authenticated, its absolute expiry): only the token that opens it changes, and the old
//   one is refused from this moment;
// - every other session ends. There is no response to carry them a new token, and a token that
//   could still be traded for a new one would be worth exactly as much as the old one.
//
// Runs on the caller's workspace-scoped client, inside the same transaction as the change where
// there is one, so the change and the end of the old tokens commit together.

export type PrivilegeChange = Extract<RevokeReason, "role-changed" | "reactivated" | "second-factor-changed">;

/** The new token for the cookie of the session the change was made from. */
export type RenewedSession = { token: string; maxAgeSeconds: number };

type SessionWriter = Pick<TenantDb, "session">;

/**
 * Ends every live session of `userId` but `keepSessionId`, and gives that one (when it is theirs
 * and still live) a new token. Returns the new token (null when there was no session to keep) and
 * how many sessions ended.
 */
export async function renewSessionsAfterPrivilegeChange(
  db: SessionWriter,
  input: { userId: string; keepSessionId: string | null; change: PrivilegeChange; now?: Date },
): Promise<{ renewed: RenewedSession | null; ended: number }> {
  const now = input.now ?? new Date();
  const ended = await db.session.updateMany({
    where: { userId: input.userId, revokedAt: null, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
    data: { revokedAt: now, revokedReason: input.change },
  });
  if (!input.keepSessionId) return { renewed: null, ended: ended.count };
  const token = generateToken(32);
  const [kept] = await db.session.updateManyAndReturn({
    where: { id: input.keepSessionId, userId: input.userId, revokedAt: null, expiresAt: { gt: now } },
    data: { tokenHash: hashToken(token), lastActiveAt: now },
    select: { expiresAt: true },
  });
  if (!kept) return { renewed: null, ended: ended.count };
  const maxAgeSeconds = Math.max(1, Math.round((kept.expiresAt.getTime() - now.getTime()) / 1000));
  return { renewed: { token, maxAgeSeconds }, ended: ended.count };
}

/** Ends every live session of a member whose privileges an admin changed (they sign in again). */
export async function endSessionsAfterPrivilegeChange(db: SessionWriter, input: { userId: string; change: PrivilegeChange; now?: Date }): Promise<number> {
  return (await renewSessionsAfterPrivilegeChange(db, { ...input, keepSessionId: null })).ended;
}

/** A DAL result, plus the renewed session's token for the caller to set as the cookie when there is one. */
export function withRenewedSession<T extends object>(result: T, renewed: RenewedSession | null): T & { renewedSession?: RenewedSession } {
  return renewed ? { ...result, renewedSession: renewed } : result;
}
