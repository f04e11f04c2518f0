import { squash } from "./normalise";

// "Context-specific words" (NIST SP 800-63B 3.1.1.2): a password built from the workspace's name or
// address, the user's name, email or employee number, or the service's own name is refused.
//
// Comparison is on squashed text (NFKC, case-folded, accents and everything but letters and digits
// removed), so "ACME-corp!" matches the workspace "Acme Corp". Two rules:
//   1. a word of 4 or more characters anywhere in the password ("myacme2024", "xJohnSmithx");
//   2. the password is nothing but such words (any length from 3, 2 for non-Latin scripts such as
//      Chinese names) plus digits, symbols and at most two other letters ("bob1985!", "张伟2024",
//      "bobby2024").
// So a long passphrase that merely contains a 3-letter name ("tom") is not refused.

export type PersonalInfoKind = "workspace" | "name" | "email" | "employeeNumber" | "service";

export type PersonalInfo = {
  workspaceName: string;
  workspaceSlug: string;
  userName?: string | null;
  email?: string | null;
  employeeNumber?: string | null;
};

/** The product's own name: refused like the workspace's (NIST: "the name of the service"). */
export const SERVICE_WORDS = ["Relay CRM", "relaycrm"];

// Legal forms and filler words in company names: "Acme Holdings Ltd" must not make "limited" or
// "the" a refused word for every passphrase.
const COMPANY_STOPWORDS = new Set([
  "ag", "and", "bv", "co", "company", "corp", "corporation", "gmbh", "group", "inc", "llc", "llp",
  "limited", "ltd", "nv", "of", "plc", "pty", "sa", "sarl", "sas", "the", "team", "crm",
]);

const SUBSTRING_MIN = 4;
const LEFTOVER_LETTERS_MAX = 2;

function words(value: string): string[] {
  return value.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function minWordLength(word: string): number {
  return /^[\p{Script=Latin}\p{N}]+$/u.test(word) ? 3 : 2;
}

function length(value: string): number {
  return [...value].length;
}

/** The squashed words of each kind that a password must not be built from. */
export function personalWords(info: PersonalInfo): Map<PersonalInfoKind, string[]> {
  const result = new Map<PersonalInfoKind, string[]>();
  const seen = new Set<string>();
  // A word belongs to the first kind that has it ("zhang" in the name and in the email address
  // is reported as the name), so one word is never reported twice.
  const add = (kind: PersonalInfoKind, values: (string | null | undefined)[], stopwords?: Set<string>) => {
    const set = new Set(result.get(kind));
    for (const value of values) {
      if (!value) continue;
      const word = squash(value);
      if (!word || length(word) < minWordLength(word) || stopwords?.has(word)) continue;
      if (seen.has(word) && !set.has(word)) continue;
      seen.add(word);
      set.add(word);
    }
    if (set.size) result.set(kind, [...set]);
  };

  add("workspace", [info.workspaceName, ...words(info.workspaceName)], COMPANY_STOPWORDS);
  add("workspace", [info.workspaceSlug, ...words(info.workspaceSlug)], COMPANY_STOPWORDS);
  if (info.userName) add("name", [info.userName, ...words(info.userName)]);
  if (info.email) {
    const email = info.email.trim();
    const local = email.includes("@") ? email.slice(0, email.lastIndexOf("@")) : email;
    const untagged = local.split("+")[0];
    add("email", [email, local, untagged, ...words(untagged)]);
  }
  if (info.employeeNumber) add("employeeNumber", [info.employeeNumber]);
  add("service", SERVICE_WORDS);
  return result;
}

/** Which kinds of personal information the password is built from (empty when none). */
export function personalInfoFound(password: string, info: PersonalInfo): PersonalInfoKind[] {
  const text = squash(password);
  if (!text) return [];
  const byKind = personalWords(info);
  const found = new Set<PersonalInfoKind>();

  // Rule 1: a long enough word anywhere.
  for (const [kind, list] of byKind) {
    if (list.some((word) => length(word) >= SUBSTRING_MIN && text.includes(word))) found.add(kind);
  }

  // Rule 2: nothing but words plus digits (symbols are already gone) and a couple of letters.
  const all = [...byKind].flatMap(([kind, list]) => list.map((word) => ({ kind, word })));
  all.sort((a, b) => length(b.word) - length(a.word));
  let rest = text;
  const used = new Set<PersonalInfoKind>();
  for (const { kind, word } of all) {
    if (rest.includes(word)) {
      rest = rest.split(word).join("\u0000");
      used.add(kind);
    }
  }
  const leftoverLetters = length(rest.replace(/[\u0000\p{N}]/gu, ""));
  if (used.size && leftoverLetters <= LEFTOVER_LETTERS_MAX) for (const kind of used) found.add(kind);

  return [...found];
}
