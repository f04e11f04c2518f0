// Text normalisation shared by every password comparison. Pure: runs in the browser and on the
// server. Comparisons only: the password that is hashed is never changed here.

/** NFKC, case-folded, trimmed: the form in which passwords are compared with lists and words. */
export function normalisePassword(value: string): string {
  return value.normalize("NFKC").toLowerCase().trim();
}

/** Like normalisePassword, and also without accents: "José" and "jose" compare equal. */
export function foldLoose(value: string): string {
  return value.normalize("NFKD").replace(/\p{M}+/gu, "").normalize("NFKC").toLowerCase();
}

/** Letters and digits only, loosely folded: "Acme-Corp 2024!" → "acmecorp2024". */
export function squash(value: string): string {
  return foldLoose(value).replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Length as NIST SP 800-63B counts it: one per Unicode code point, after NFKC (so a letter typed
 * as base + combining accent counts once, as it does when typed precomposed). Spaces count.
 */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _ of password.normalize("NFKC")) count++;
  return count;
}
