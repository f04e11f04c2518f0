// The linked identities kept by @auth/prisma-adapter on the tenant-scoped client, on a real
// database: the adapter built for one workspace can't see another's identities, and an identity
// can be linked once, whichever workspace tries the second link.
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import { findLinkedMember, linkIdentity } from "./linked-identities";

let a: TestWorkspace;
let b: TestWorkspace;

async function connection(ws: TestWorkspace) {
  return systemDb().ssoConnection.create({
    data: { tenantId: ws.tenant.id, kind: "OIDC", displayName: "Acme IdP", issuer: "https://idp.example.com", clientId: "client", clientSecretSealed: "unused", allowedDomains: ["acme.test"] },
  });
}

let n = 0;
const subject = () => `sub-${++n}-${Date.now()}`;
const adapterOf = (client: unknown) => PrismaAdapter(client as Parameters<typeof PrismaAdapter>[0]);

beforeAll(async () => {
  [a, b] = await Promise.all([createWorkspace(), createWorkspace()]);
});

describe("the adapter on the tenant-scoped client", () => {
  it("links through linkAccount and finds the member through getUserByAccount, in the link's workspace only", async () => {
    const conn = await connection(a);
    const member = await addMember(a.tenant.id, "SALES_REP");
    const sub = subject();
    const now = new Date("2026-12-07T10:00:00Z");
    await linkIdentity(tenantDb(a.tenant.id), { tenantId: a.tenant.id, connection: conn, userId: member.id, subject: sub, now });

    const row = await systemDb().account.findUniqueOrThrow({ where: { provider_providerAccountId: { provider: `sso-${conn.id}`, providerAccountId: sub } } });
    expect(row).toMatchObject({ tenantId: a.tenant.id, userId: member.id, connectionId: conn.id, type: "oidc", lastUsedAt: now });
    expect(await findLinkedMember(a.tenant.id, conn.id, sub)).toBe(member.id);

    // Unscoped, the adapter's lookup by (provider, providerAccountId) would find A's member from
    // anywhere; built for workspace B it finds nobody.
    const identity = { provider: `sso-${conn.id}`, providerAccountId: sub };
    expect((await adapterOf(systemDb()).getUserByAccount!(identity))?.id).toBe(member.id);
    expect(await adapterOf(tenantDb(b.tenant.id)).getUserByAccount!(identity)).toBeNull();
    expect(await findLinkedMember(b.tenant.id, conn.id, sub)).toBeNull();
  });

  it("can't link an identity into a workspace through another workspace's client", async () => {
    const connA = await connection(a);
    const memberB = await addMember(b.tenant.id, "SALES_REP");
    // B's client writes the row into B, where A's connection doesn't exist (composite foreign key).
    await expect(linkIdentity(tenantDb(b.tenant.id), { tenantId: a.tenant.id, connection: connA, userId: memberB.id, subject: subject(), now: new Date() })).rejects.toThrow();
    expect(await systemDb().account.count({ where: { connectionId: connA.id } })).toBe(0);
  });

  it("links an identity once: a second link, here or in another workspace, is refused by the unique index", async () => {
    const [connA, connB] = await Promise.all([connection(a), connection(b)]);
    const [first, second, inB] = await Promise.all([addMember(a.tenant.id, "SALES_REP"), addMember(a.tenant.id, "SALES_REP"), addMember(b.tenant.id, "SALES_REP")]);
    const sub = subject();
    await linkIdentity(tenantDb(a.tenant.id), { tenantId: a.tenant.id, connection: connA, userId: first.id, subject: sub, now: new Date() });
    await expect(linkIdentity(tenantDb(a.tenant.id), { tenantId: a.tenant.id, connection: connA, userId: second.id, subject: sub, now: new Date() })).rejects.toMatchObject({ code: "P2002" });
    // The same provider string held by a row of B (which (tenantId, provider, providerAccountId)
    // alone would allow) breaks the global uniqueness the adapter's lookup relies on.
    await expect(
      systemDb().account.create({ data: { tenantId: b.tenant.id, userId: inB.id, connectionId: connB.id, type: "oidc", provider: `sso-${connA.id}`, providerAccountId: sub } }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await systemDb().account.count({ where: { provider: `sso-${connA.id}`, providerAccountId: sub } })).toBe(1);
  });

  it("links inside the caller's transaction: rolled back with it", async () => {
    const conn = await connection(a);
    const member = await addMember(a.tenant.id, "SALES_REP");
    const sub = subject();
    await expect(
      tenantDb(a.tenant.id).$transaction(async (tx) => {
        await linkIdentity(tx, { tenantId: a.tenant.id, connection: conn, userId: member.id, subject: sub, now: new Date() });
        throw new Error("later write failed");
      }),
    ).rejects.toThrow("later write failed");
    expect(await findLinkedMember(a.tenant.id, conn.id, sub)).toBeNull();
  });
});
