// Cross-tenant walk cases for single sign-on (lib/auth/sso, lib/dal/sso): connections, the
// identities linked to members, and the tickets between Auth.js's callback and a session.
import { hashToken } from "@/lib/auth/tokens";
import { systemDb } from "@/lib/db/prisma";
import { idKey, inAnHour, rand, type ModelCase, type Side } from "./support";

async function connectionOf(ws: Side): Promise<string> {
  const row = await systemDb().ssoConnection.create({
    data: { tenantId: ws.tenant.id, kind: "OIDC", displayName: `IdP ${rand()}`, issuer: "https://idp.example.com", clientId: rand(), clientSecretSealed: "sealed" },
  });
  return row.id;
}

// One connection per workspace for the rows that name one. The walk seeds each model's rows
// (async) before it asks for createData or a referencing row (sync), so the id is known by then.
const pending = new Map<string, Promise<string>>();
const known = new Map<string, string>();
async function sharedConnection(ws: Side): Promise<string> {
  let id = pending.get(ws.tenant.id);
  if (!id) pending.set(ws.tenant.id, (id = connectionOf(ws)));
  const resolved = await id;
  known.set(ws.tenant.id, resolved);
  return resolved;
}
const connectionIn = (ws: Side) => known.get(ws.tenant.id) ?? "not-seeded";

export const SSO_CASES: Record<string, ModelCase> = {
  SsoConnection: {
    seed: (ws) =>
      systemDb().ssoConnection.create({
        data: { tenantId: ws.tenant.id, kind: "OIDC", displayName: "Acme", issuer: "https://idp.example.com", clientId: rand(), clientSecretSealed: "sealed" },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (_inWs, claimed) => ({ tenantId: claimed.tenant.id, kind: "OIDC", displayName: "Planted", issuer: "https://evil.example", clientId: rand(), clientSecretSealed: "x" }),
    // The attacker's own IdP and domain in another workspace's connection would sign them in there.
    change: { issuer: "https://evil.example", allowedDomains: ["evil.example"], jitProvisioning: true, jitRole: "ADMIN", enabled: true },
    referencing: {},
  },
  Account: {
    seed: async (ws) =>
      systemDb().account.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, connectionId: await sharedConnection(ws), type: "oidc", provider: "sso-x", providerAccountId: rand() },
      }),
    match: (row) => ({ providerAccountId: row.providerAccountId }),
    unique: (row) => ({ tenantId_provider_providerAccountId: { tenantId: row.tenantId, provider: row.provider, providerAccountId: row.providerAccountId } }),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, connectionId: connectionIn(inWs), type: "oidc", provider: "sso-x", providerAccountId: rand() }),
    // Re-pointing someone's linked identity at the attacker's account (or the reverse).
    change: { providerAccountId: `attacker-${rand()}` },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, connectionId: connectionIn(ws), type: "oidc", provider: "sso-x", providerAccountId: rand() }),
    },
  },
  SsoTicket: {
    seed: async (ws) =>
      systemDb().ssoTicket.create({
        data: { tenantId: ws.tenant.id, connectionId: await sharedConnection(ws), userId: ws.member.id, purpose: "sign-in", tokenHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ tokenHash: row.tokenHash }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, connectionId: connectionIn(inWs), userId: inWs.member.id, purpose: "sign-in", tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    // A ticket the attacker knows, made usable again, would open a session as the member.
    change: { tokenHash: hashToken("attacker-known"), usedAt: null, expiresAt: new Date(Date.now() + 365 * 86_400_000) },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, connectionId: connectionIn(ws), userId: user.id, purpose: "sign-in", tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    },
  },
};
