import "server-only";
import { verifyPassword } from "@/lib/auth/password-hash";

/**
 * Whether the password matches any of the given argon2 hashes (PHC strings). Each comparison is a
 * full argon2 verification (≈ 50 ms at the OWASP parameters); they run in parallel on the libuv
 * pool. Malformed hashes count as no match. The caller passes only the hashes the policy covers
 * (see checkNewPassword).
 */
export async function isPasswordReused(password: string, previousHashes: readonly string[]): Promise<boolean> {
  if (previousHashes.length === 0) return false;
  const results = await Promise.all(previousHashes.map((phc) => verifyPassword(phc, password)));
  return results.includes(true);
}

/** How many password hashes a user's PasswordHistory must keep besides the current one. */
export function historyRowsToKeep(historyCount: number): number {
  return Math.max(0, Math.trunc(historyCount) - 1);
}
