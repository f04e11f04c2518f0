import { normalisePassword } from "./normalise";

// The forms of a password that are looked up in the common-password list, so that trivial
// variations of a listed password are refused too. Pure (no list here): the list itself is
// server-only (common-passwords.ts).
//
//   "Password123!"  → "password123!", "password"          (case, trailing digits/symbols)
//   "!!Dragon2024"  → "dragon"                            (leading and trailing decoration)
//   "P@ssw0rd"      → "p@ssw0rd", "password"              (common letter substitutions)
//   "letme in"      → "letmein"                           (spaces)
//
// A decoration is only stripped when it is guessable: short (≤ 4), up to 8 digits with at most two
// symbols around them (years, dates, "123!"), one character repeated, or itself on the list
// ("123456789"). "hello" + 13 random symbols is not a trivial variation of "hello".

const DECORATION = "[\\p{N}\\p{P}\\p{S}\\s]";
const LEADING = new RegExp(`^${DECORATION}+`, "u");
const TRAILING = new RegExp(`${DECORATION}+$`, "u");

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
  "+": "t",
  "€": "e",
};

function unLeet(value: string, one: "i" | "l"): string {
  let out = "";
  for (const char of value) out += char === "1" ? one : (LEET[char] ?? char);
  return out;
}

export function isGuessableDecoration(decoration: string, inList: (value: string) => boolean = () => false): boolean {
  if ([...decoration].length <= 4) return true;
  if (/^(.)\1*$/u.test(decoration)) return true;
  if (/^[\p{P}\p{S}\s]{0,2}\p{N}{1,8}[\p{P}\p{S}\s]{0,2}$/u.test(decoration)) return true;
  return inList(decoration);
}

/**
 * Every form of `password` to look up in the list (normalised, de-duplicated). `inList` lets a
 * decoration that is itself a common password ("123456789") count as guessable.
 */
export function commonPasswordCandidates(password: string, inList?: (value: string) => boolean): string[] {
  const base = normalisePassword(password);
  const out = new Set<string>();
  const addWithLeet = (value: string) => {
    if (!value) return;
    out.add(value);
    out.add(unLeet(value, "i"));
    out.add(unLeet(value, "l"));
  };

  for (const spaced of [base, base.replace(/\s+/gu, " "), base.replace(/\s+/gu, "")]) {
    out.add(spaced);
    const leading = spaced.match(LEADING)?.[0] ?? "";
    const rest = spaced.slice(leading.length);
    const trailing = rest.match(TRAILING)?.[0] ?? "";
    const core = rest.slice(0, rest.length - trailing.length);
    if (!core) continue; // all decoration: only the whole string is looked up
    const stripLeading = leading !== "" && isGuessableDecoration(leading, inList);
    const stripTrailing = trailing !== "" && isGuessableDecoration(trailing, inList);
    addWithLeet(spaced);
    if (stripTrailing) addWithLeet(leading + core);
    if (stripLeading) addWithLeet(core + trailing);
    if (stripLeading && stripTrailing) addWithLeet(core);
  }
  out.delete("");
  return [...out];
}
