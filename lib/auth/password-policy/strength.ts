// A deliberately simple, conservative strength estimate for the meter beside a new-password field.
// No dictionary in the browser (the server checks the common-password list), so it only knows:
//   - length, in code points, with characters that continue a run (aaaa, abcd, 4321, qwer) counted
//     as a quarter;
//   - the variety of characters used (the size of the alphabet an attacker would have to try);
//   - that people pick words, not random characters: bits are halved.
// Any unmet requirement of the workspace's policy makes it "tooWeak", whatever the estimate.

export type StrengthLevel = "tooWeak" | "weak" | "fair" | "strong";
export type Strength = { level: StrengthLevel; score: 0 | 1 | 2 | 3; bits: number };

export const FAIR_BITS = 40;
export const STRONG_BITS = 60;

const KEYBOARD_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "azertyuiop", "yxcvbnm"];

/** The "step" from one character to the next when it is predictable: same (0), next or previous in the alphabet or digits (±1), neighbour on a keyboard row (±100); otherwise null. */
function step(previous: string, current: string): number | null {
  const a = previous.toLowerCase();
  const b = current.toLowerCase();
  if (a === b) return 0;
  const diff = (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
  if (Math.abs(diff) === 1 && /^[\p{L}\p{N}]$/u.test(b)) return diff;
  for (const row of KEYBOARD_ROWS) {
    const i = row.indexOf(a);
    const j = row.indexOf(b);
    if (i !== -1 && j !== -1 && Math.abs(i - j) === 1) return 100 * (j - i);
  }
  return null;
}

function alphabetSize(chars: string[]): number {
  let size = 0;
  if (chars.some((c) => /[a-z]/.test(c))) size += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) size += 26;
  if (chars.some((c) => /[0-9]/.test(c))) size += 10;
  if (chars.some((c) => /[!-/:-@[-`{-~]/.test(c))) size += 32;
  if (chars.some((c) => /\s/u.test(c))) size += 1; // a space between words adds length, not variety
  // Letters of other scripts (accented Latin, Cyrillic, Chinese…): a large alphabet, but words.
  if (chars.some((c) => c.codePointAt(0)! > 0x7f)) size += 100;
  return Math.max(size, 1);
}

/** The estimate: bits ≈ effective length × log2(alphabet) ÷ 2. */
export function estimatePasswordBits(password: string): number {
  const chars = [...password.normalize("NFKC")];
  if (chars.length === 0) return 0;
  // A character that repeats the previous predictable step ("c" in "abc", the third "a" in "aaa",
  // "e" in "qwe") adds a quarter; a single predictable pair ("as", "ss") is ordinary in words.
  let effective = 1;
  let previousStep: number | null = null;
  for (let i = 1; i < chars.length; i++) {
    const current = step(chars[i - 1], chars[i]);
    effective += current !== null && current === previousStep ? 0.25 : 1;
    previousStep = current;
  }
  return (effective * Math.log2(alphabetSize(chars))) / 2;
}

/** `problems`: every reason the policy (and the server) refuse the password; any one makes it too weak. */
export function estimateStrength(password: string, problems: readonly { key: string }[]): Strength {
  const bits = estimatePasswordBits(password);
  if (!password || problems.length > 0) return { level: "tooWeak", score: 0, bits };
  if (bits < FAIR_BITS) return { level: "weak", score: 1, bits };
  if (bits < STRONG_BITS) return { level: "fair", score: 2, bits };
  return { level: "strong", score: 3, bits };
}
