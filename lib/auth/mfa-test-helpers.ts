// Test helpers for the second-factor flow: enrol factors directly in the database the way the
// enrolment code leaves them, and compute the codes an authenticator app would show.
import { systemDb } from "@/lib/db/prisma";
import { sealTotpSecret } from "./totp-factor";
import { decodeTotpSecret, generateTotpSecret, totpCode } from "./totp";
import { generateRecoveryCodes } from "./recovery-codes";

export async function enrolTotp(tenantId: string, userId: string): Promise<{ secret: string; codeAt: (at: Date) => string }> {
  const secret = generateTotpSecret();
  await systemDb().totpFactor.create({ data: { tenantId, userId, secretSealed: sealTotpSecret(tenantId, userId, secret), confirmedAt: new Date() } });
  return { secret, codeAt: (at: Date) => totpCode(decodeTotpSecret(secret), at) };
}

export async function enrolPhone(tenantId: string, userId: string, phone = "+8613800138000") {
  await systemDb().phoneFactor.create({ data: { tenantId, userId, phone, verifiedAt: new Date() } });
}

export async function enrolPasskey(tenantId: string, userId: string) {
  await systemDb().passkey.create({ data: { tenantId, userId, credentialId: `cred-${Math.random().toString(36).slice(2)}`, publicKey: Buffer.from("key"), name: "Laptop" } });
}

export async function giveRecoveryCodes(tenantId: string, userId: string): Promise<string[]> {
  return generateRecoveryCodes(tenantId, userId);
}

export async function setMfaPolicy(tenantId: string, data: Partial<Parameters<ReturnType<typeof systemDb>["mfaPolicy"]["update"]>[0]["data"]>) {
  await systemDb().mfaPolicy.upsert({ where: { tenantId }, create: { tenantId, ...(data as object) }, update: data });
}
