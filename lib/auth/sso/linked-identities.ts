import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { tenantDb, type TenantDb, type TenantTransaction } from "@/lib/db/tenant-db";
import type { SsoKind } from "@/lib/generated/prisma/enums";
import { providerIdOf } from "./connection-kinds";
import { isWorkplaceKind } from "./workplace-apps";

// The linked identities (provider + subject → member) are kept by @auth/prisma-adapter, built on
// the workspace's tenant-scoped client: each model call the adapter makes goes through tenantDb's
// extension, which adds the workspace's id to every filter and every row written. So
// getUserByAccount's account.findUnique({ where: { provider_providerAccountId } }) only finds an
// identity linked in this workspace, and linkAccount's account.create writes the row here.
//
// Only those two functions are used. Deliberately never: createUser (members are created by our
// own JIT provisioning with a role, a password hash and an audit event), getUserByEmail (an email
// address alone must never pick the member an identity belongs to), unlinkAccount and
// getAccount (not needed), and the sessions and verification tokens (the app's own revocable
// session is the only session; Auth.js keeps none).

/** The adapter's Account.type: the workplace apps are OAuth 2.0 without an id token. */
const accountTypeOf = (kind: SsoKind) => (isWorkplaceKind(kind) ? "oauth" : "oidc");

// The adapter is typed against the default @prisma/client; ours is generated to lib/generated with
// the same model API, which is all the adapter calls.
const adapterOn = (db: TenantDb | TenantTransaction) => PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);

/** The member of this workspace linked to a provider identity, or null. */
export async function findLinkedMember(tenantId: string, connectionId: string, subject: string): Promise<string | null> {
  const { getUserByAccount } = adapterOn(tenantDb(tenantId));
  const user = await getUserByAccount!({ provider: providerIdOf(connectionId), providerAccountId: subject });
  return user?.id ?? null;
}

/**
 * Links a provider identity to a member of the workspace. Pass the tenant transaction when the link
 * must commit with other writes (JIT provisioning creates the member in the same transaction).
 * Fails with Prisma's P2002 when the identity is already linked (to anyone, in any workspace).
 */
export async function linkIdentity(
  db: TenantDb | TenantTransaction,
  link: { tenantId: string; connection: { id: string; kind: SsoKind }; userId: string; subject: string; now: Date },
): Promise<void> {
  const { linkAccount } = adapterOn(db);
  await linkAccount!({
    tenantId: link.tenantId,
    userId: link.userId,
    connectionId: link.connection.id,
    type: accountTypeOf(link.connection.kind),
    provider: providerIdOf(link.connection.id),
    providerAccountId: link.subject,
    // The adapter's account is JSON-typed; Prisma takes a DateTime as its ISO string.
    lastUsedAt: link.now.toISOString(),
  });
}
