import "server-only";
import { commonPasswords, isCommonPasswordIn } from "./common-passwords";
import { isPasswordReused } from "./history.server";
import {
  checkPasswordAgainstPolicy,
  type PasswordCheck,
  type PasswordContext,
  type PasswordPolicy,
} from "./policy";

// The server's check of a new password: the pure policy check plus the common-password list, and
// optionally the user's password history. Server actions that set a password (sign-up, accept
// invitation, change, reset) call this; the browser only shows the same rules minus the list.

/** Every rule of the policy, the common-password list included. */
export async function checkPassword(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext,
): Promise<PasswordCheck> {
  const list = policy.checkCommonPasswords ? await commonPasswords() : undefined;
  return checkPasswordAgainstPolicy(password, policy, context, {
    isCommon: list ? (candidate) => isCommonPasswordIn(list, candidate) : undefined,
  });
}

/**
 * checkPassword, and "last N passwords refused": `recentHashes` are the user's password hashes,
 * newest first, starting with the current password's (User.passwordHash, then PasswordHistory by
 * createdAt desc). Only the newest policy.historyCount are compared; with 0, none are.
 * A reuse adds { key: "passwordReused", values: { count } }.
 */
export async function checkNewPassword(
  password: string,
  policy: PasswordPolicy,
  context: PasswordContext,
  recentHashes: readonly string[] = [],
): Promise<PasswordCheck> {
  const [check, reused] = await Promise.all([
    checkPassword(password, policy, context),
    policy.historyCount > 0 ? isPasswordReused(password, recentHashes.slice(0, policy.historyCount)) : false,
  ]);
  if (!reused) return check;
  return { ok: false, problems: [...check.problems, { key: "passwordReused", values: { count: policy.historyCount } }] };
}
