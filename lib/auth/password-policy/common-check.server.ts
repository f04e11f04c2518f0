import "server-only";
import { isCommonPassword } from "./common-passwords";
import { passwordLength } from "./normalise";
import { PASSWORD_MAX_LENGTH } from "./policy";

// The common-password list's answer for the value a member is typing into a new-password field
// (app/api/password-check/route.ts), so that the field and its meter say "common" as soon as the
// server would, not after a refused submit. The list itself stays here: 414,829 entries are
// 1.4 MB gzipped, far too much to send to every sign-up page, and a smaller excerpt or a Bloom
// filter would disagree with the server's check on some passwords. Same module, same answer.

/** A JSON body of one password at the longest length accepted, with room for escapes. */
export const PASSWORD_CHECK_BODY_LIMIT = 4_096;

/** { common } for a body { password }, or null when the body isn't one. */
export async function commonPasswordVerdict(body: unknown): Promise<{ common: boolean } | null> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const password = (body as { password?: unknown }).password;
  if (typeof password !== "string" || password === "") return null;
  // Longer than any password accepted: refused for its length, never looked up.
  if (passwordLength(password) > PASSWORD_MAX_LENGTH) return { common: false };
  return { common: await isCommonPassword(password) };
}
