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

// Unknown usernames (and locked accounts) are verified against this hash so that they cost the
// same time as a real account with a wrong password (no user enumeration by timing). It is a
// constant, the hash of a random password nobody kept, rather than made on first use: making it
// cost a second argon2 run, so the first unknown name after every start answered twice as slowly.
// password-hash.test.ts fails when ARGON2_PARAMS change and this was not made again with them.
export const DUMMY_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$EeSE5w8NiFwpzLH/JjuoGA$SO1IIYyQpfQ66MwASbndUKjqDSJK0n0rt+ZR3IuO+xg";
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  await verifyPassword(DUMMY_PASSWORD_HASH, password);
  return false;
}
