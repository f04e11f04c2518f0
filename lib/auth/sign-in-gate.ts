import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";

// Whether a member may be signed in at all, whatever proved who they are: password, passkey,
// emailed link, a second factor completing a restricted session, or single sign-on later. One rule
// in one place, asked twice on every path:
// - each method asks signInBlockOf() once it knows the member, to answer with the right message
//   (a reset is required: here is the reset path) instead of a generic failure;
// - createSession() asks assertSignInMayStart() before it writes a session row, so a method that
//   forgot to ask still can't open one.
//
// Blocked:
// - "inactive": a deactivated member (or one removed meanwhile);
// - "password-reset-required": "this wasn't me" was confirmed, or an admin ended the member's
//   sessions and required a new password. Only a reset through the link emailed to the account's
//   address lifts it (lib/auth/set-password.ts clears the flag), so a factor an intruder kept can't
//   be used to get back in before the member has chosen a password the intruder doesn't know.

export type SignInBlock = "inactive" | "password-reset-required";

/** The rule itself, for a caller that has already read the member. */
export function signInBlockFor(user: { status: string; passwordResetRequired: boolean } | null): SignInBlock | null {
  if (!user || user.status !== "ACTIVE") return "inactive";
  if (user.passwordResetRequired) return "password-reset-required";
  return null;
}

export async function signInBlockOf(tenantId: string, userId: string): Promise<SignInBlock | null> {
  const user = await tenantDb(tenantId).user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { status: true, passwordResetRequired: true },
  });
  return signInBlockFor(user);
}

export class SignInBlockedError extends Error {
  constructor(readonly block: SignInBlock) {
    super(`sign-in refused: ${block}`);
    this.name = "SignInBlockedError";
  }
}

/** Throws SignInBlockedError when no session may be opened for this member. */
export async function assertSignInMayStart(tenantId: string, userId: string): Promise<void> {
  const block = await signInBlockOf(tenantId, userId);
  if (block) throw new SignInBlockedError(block);
}
