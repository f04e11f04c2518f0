import "server-only";
import { unsafeFindSsoConnection } from "@/lib/db/unsafe-unscoped";
import type { SsoConnection } from "@/lib/generated/prisma/client";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { connectionIdOf } from "./connection-kinds";

// Reading a connection for the protocol: by the provider id in an Auth.js URL (the connection id
// is globally unique, and the row names its workspace), with its client secret opened.

export type LoadedConnection = SsoConnection & { tenant: { id: string; slug: string; name: string } };

/** The secret is sealed to its own connection: copied onto another row, it doesn't open. */
export function secretContext(tenantId: string, connectionId: string): string {
  return `sso-client-secret:${tenantId}:${connectionId}`;
}

export function sealClientSecret(tenantId: string, connectionId: string, secret: string): string {
  return sealSecret(secret, secretContext(tenantId, connectionId));
}

export function openClientSecret(connection: Pick<SsoConnection, "tenantId" | "id" | "clientSecretSealed">): string {
  return openSecret(connection.clientSecretSealed, secretContext(connection.tenantId, connection.id));
}

export async function loadConnectionByProviderId(providerId: string): Promise<LoadedConnection | null> {
  const id = connectionIdOf(providerId);
  if (!id) return null;
  return unsafeFindSsoConnection(id);
}
