import { hash, verify } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1. The PHC string records the
// parameters, so raising them later only means rehashing at the next successful sign-in.
export const ARGON2_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...ARGON2_PARAMS });
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

export function needsRehash(phc: string): boolean {
  const expected = `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}$`;
  return !phc.startsWith(expected);
}

// Unknown usernames are verified against this hash so that they cost the same time as a real
// account with a wrong password (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;
export function verifyAgainstDummyHash(password: string): Promise<boolean> {
  dummyHash ??= hashPassword("relay-dummy-password-never-matches");
  return dummyHash.then((phc) => verifyPassword(phc, password)).then(() => false);
}
