import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import type { Role } from "@/lib/generated/prisma/client";
import { domainAllowed } from "./claims";
import { providerIdOf } from "./connection-kinds";

// "SSO required": a member whose email is in the allowed domains of an enabled connection that
// requires it signs in only through that connection. Password, emailed link and passkey refuse
// them, each asking ssoRequiredFor() once it knows the member. Owners are the break-glass
// accounts: if the IdP is down or misconfigured, an Owner still signs in with the password and
// the second factor the MFA policy asks for, and can fix or switch off the connection.

export type LoginConnection = { providerId: string; displayName: string; allowedDomains: string[]; ssoRequired: boolean };

/** The enabled connections, for the login page's buttons (public: names and domains only). */
export async function listLoginConnections(tenantId: string): Promise<LoginConnection[]> {
  const rows = await tenantDb(tenantId).ssoConnection.findMany({
    where: { enabled: true },
    orderBy: { createdAt: "asc" },
    select: { id: true, displayName: true, allowedDomains: true, ssoRequired: true },
  });
  return rows.map((row) => ({ providerId: providerIdOf(row.id), displayName: row.displayName, allowedDomains: row.allowedDomains, ssoRequired: row.ssoRequired }));
}

export function ssoRequiredByConnections(connections: readonly Pick<LoginConnection, "allowedDomains" | "ssoRequired">[], user: { email: string; role: Role }): boolean {
  if (user.role === "OWNER") return false;
  return connections.some((connection) => connection.ssoRequired && domainAllowed(user.email, connection.allowedDomains));
}

export async function ssoRequiredFor(tenantId: string, user: { email: string; role: Role }): Promise<boolean> {
  if (user.role === "OWNER") return false;
  return ssoRequiredByConnections(await listLoginConnections(tenantId), user);
}
