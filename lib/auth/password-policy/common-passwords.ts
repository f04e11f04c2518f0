import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { commonPasswordCandidates } from "./common-variants";

// The common-password list: 414,829 unique normalised entries (data/README.md says where they come
// from), kept out of the client bundle. Loaded once per server process, lazily, into a Set
// (≈ 35 MB of heap, ≈ 0.5 s on first use); look-ups are then a handful of Set.has calls.

/** Where the list lives. Read with the process's working directory, which is the app's root for `next start`, `next dev` and Vitest. */
export const COMMON_PASSWORDS_FILE = path.join(process.cwd(), "lib", "auth", "password-policy", "data", "common-passwords.txt.gz");

let loading: Promise<ReadonlySet<string>> | undefined;

async function load(): Promise<ReadonlySet<string>> {
  const text = (await promisify(gunzip)(await readFile(COMMON_PASSWORDS_FILE))).toString("utf8");
  const set = new Set<string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (end > start) set.add(text.slice(start, end));
    start = end + 1;
  }
  return set;
}

/** The list, loaded on first call (a failed load is retried on the next call). */
export function commonPasswords(): Promise<ReadonlySet<string>> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Whether the password, or a trivial variation of it (see common-variants.ts), is on the list. */
export function isCommonPasswordIn(list: ReadonlySet<string>, password: string): boolean {
  const inList = (value: string) => list.has(value);
  return commonPasswordCandidates(password, inList).some(inList);
}

/** Loads the list if needed, then checks the password against it. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return isCommonPasswordIn(await commonPasswords(), password);
}
