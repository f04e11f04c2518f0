import "server-only";
import type { TenantDb } from "@/lib/db/tenant-db";

// What the access review shows in its "Second factors" and "Passkeys" columns. Neither feature
// exists yet, so nobody has anything enrolled and the columns show "—". When they land, read the
// new tables here through `db` (it is already scoped to the workspace) and return one entry per
// enrolled authenticator; the page, the CSV export and their tests need no other change.

export type SecondFactorKind = "totp" | "sms";

export type EnrolledAuthenticator =
  | { kind: SecondFactorKind; label: string | null; createdAt: Date; lastUsedAt: Date | null }
  | { kind: "passkey"; label: string | null; createdAt: Date; lastUsedAt: Date | null };

/** Enrolled second factors and passkeys per user id; users with none are simply absent. */
export async function listEnrolledAuthenticators(db: TenantDb, userIds: readonly string[]): Promise<Map<string, EnrolledAuthenticator[]>> {
  void db;
  void userIds;
  return new Map();
}
