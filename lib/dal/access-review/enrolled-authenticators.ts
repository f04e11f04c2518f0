import "server-only";
import type { TenantDb } from "@/lib/db/tenant-db";
import { maskPhone } from "@/lib/auth/second-factors";

// What the access review shows in its "Second factors" and "Passkeys" columns: each member's
// confirmed authenticator app, verified phone and passkeys, read through the workspace-scoped
// client. Unconfirmed enrolments (a QR code shown but never confirmed, a phone whose code was
// never entered) are not authenticators yet and are left out.

export type SecondFactorKind = "totp" | "sms";

export type EnrolledAuthenticator =
  | { kind: SecondFactorKind; label: string | null; createdAt: Date; lastUsedAt: Date | null }
  | { kind: "passkey"; label: string | null; createdAt: Date; lastUsedAt: Date | null };

/** Enrolled second factors and passkeys per user id; users with none are simply absent. */
export async function listEnrolledAuthenticators(db: TenantDb, userIds: readonly string[]): Promise<Map<string, EnrolledAuthenticator[]>> {
  const result = new Map<string, EnrolledAuthenticator[]>();
  if (userIds.length === 0) return result;
  const ids = [...userIds];
  const [totps, phones, passkeys] = await Promise.all([
    db.totpFactor.findMany({ where: { userId: { in: ids }, confirmedAt: { not: null } } }),
    db.phoneFactor.findMany({ where: { userId: { in: ids }, verifiedAt: { not: null } } }),
    db.passkey.findMany({ where: { userId: { in: ids } }, orderBy: { createdAt: "asc" } }),
  ]);
  const add = (userId: string, entry: EnrolledAuthenticator) => result.set(userId, [...(result.get(userId) ?? []), entry]);
  for (const totp of totps) add(totp.userId, { kind: "totp", label: null, createdAt: totp.confirmedAt ?? totp.createdAt, lastUsedAt: totp.lastUsedAt });
  for (const phone of phones) add(phone.userId, { kind: "sms", label: maskPhone(phone.phone), createdAt: phone.verifiedAt ?? phone.createdAt, lastUsedAt: null });
  for (const passkey of passkeys) add(passkey.userId, { kind: "passkey", label: passkey.name, createdAt: passkey.createdAt, lastUsedAt: passkey.lastUsedAt });
  return result;
}
