// Single sign-on on a real database, trying to break each rule of issue 14: linking by email
// alone, an identity crossing workspaces, a ticket replayed, expired or used in another
// workspace, a disabled connection, the IP allowlist, deactivation, and trusting the IdP's MFA.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, auditEvents, createWorkspace, TEST_META, type TestWorkspace } from "@/test/factories";
import { setMfaPolicy, enrolTotp } from "@/lib/auth/mfa-test-helpers";
import { establishSignIn } from "@/lib/auth/complete-sign-in";
import { sealClientSecret } from "./connections";
import { findLinkedMember, linkIdentityToMember, resolveMember } from "./identities";
import { consumeSsoTicket, issueSsoTicket, TICKET_TTL_MS } from "./tickets";
import { completeSsoSignIn } from "./complete-sign-in";
import type { CheckedIdentity } from "./claims";

let a: TestWorkspace;
let b: TestWorkspace;

async function connection(ws: TestWorkspace, extra: Partial<{ jitProvisioning: boolean; enabled: boolean; trustIdpMfa: boolean }> = {}) {
  const row = await systemDb().ssoConnection.create({
    data: {
      tenantId: ws.tenant.id,
      kind: "OIDC",
      displayName: "Acme IdP",
      issuer: "https://idp.example.com",
      clientId: "client",
      clientSecretSealed: "pending",
      allowedDomains: ["acme.test"],
      enabled: true,
      testedAt: new Date(),
      ...extra,
    },
  });
  await systemDb().ssoConnection.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: row.id } }, data: { clientSecretSealed: sealClientSecret(ws.tenant.id, row.id, "secret") } });
  return { ...row, tenant: ws.tenant };
}

let n = 0;
const identity = (email: string, extra: Partial<CheckedIdentity> = {}): CheckedIdentity => ({ subject: `sub-${++n}-${Date.now()}`, email, name: "Ann Lee", amr: [], acr: null, ...extra });

beforeAll(async () => {
  [a, b] = await Promise.all([createWorkspace(), createWorkspace()]);
});

describe("which member an identity is", () => {
  it("never links an identity to an existing member by email alone, even with provisioning on", async () => {
    const conn = await connection(a, { jitProvisioning: true });
    const existing = await addMember(a.tenant.id, "ADMIN", { email: `boss-${n}@acme.test` });
    const result = await resolveMember(conn, identity(existing.email), TEST_META);
    expect(result).toEqual({ ok: false, reason: "link-required" });
    expect(await systemDb().account.count({ where: { tenantId: a.tenant.id, userId: existing.id } })).toBe(0);
  });

  it("provisions a new member with the connection's role and links by subject; the next sign-in finds them by subject, whatever the email says", async () => {
    const conn = await connection(a, { jitProvisioning: true });
    const who = identity(`new-${Date.now()}@acme.test`);
    const first = await resolveMember({ ...conn, jitRole: "MANAGER" }, who, TEST_META);
    expect(first).toMatchObject({ ok: true, provisioned: true });
    if (!first.ok) return;
    const user = await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenant.id, id: first.userId } } });
    expect(user).toMatchObject({ email: who.email, role: "MANAGER", name: "Ann Lee" });
    expect(await resolveMember(conn, { ...who, email: "renamed@acme.test" }, TEST_META)).toEqual({ ok: true, userId: first.userId, provisioned: false });
    expect((await auditEvents(a.tenant.id, "sso.member_provisioned")).some((e) => e.targetUserId === first.userId)).toBe(true);
  });

  it("refuses an unknown identity when provisioning is off", async () => {
    const conn = await connection(a, { jitProvisioning: false });
    expect(await resolveMember(conn, identity(`nobody-${Date.now()}@acme.test`), TEST_META)).toEqual({ ok: false, reason: "not-linked" });
  });

  it("keeps links inside their workspace: the same provider subject linked in A means nothing in B", async () => {
    const connA = await connection(a);
    const member = await addMember(a.tenant.id, "SALES_REP");
    const who = identity(member.email);
    expect(await linkIdentityToMember(connA, member.id, who.subject, TEST_META)).toEqual({ ok: true });
    expect(await findLinkedMember(a.tenant.id, connA.id, who.subject)).toBe(member.id);
    // Workspace B's own connection with the same id space knows nothing of it.
    const connB = await connection(b);
    expect(await findLinkedMember(b.tenant.id, connB.id, who.subject)).toBeNull();
    expect(await findLinkedMember(b.tenant.id, connA.id, who.subject)).toBeNull();
    // And A's connection can't hold an account of B's member (composite foreign keys).
    const memberB = await addMember(b.tenant.id, "SALES_REP");
    await expect(
      systemDb().account.create({ data: { tenantId: a.tenant.id, userId: memberB.id, connectionId: connA.id, type: "oidc", provider: `sso-${connA.id}`, providerAccountId: "x" } }),
    ).rejects.toThrow();
  });

  it("refuses to link an identity someone else here already has", async () => {
    const conn = await connection(a);
    const [first, second] = await Promise.all([addMember(a.tenant.id, "SALES_REP"), addMember(a.tenant.id, "SALES_REP")]);
    const who = identity(first.email);
    expect(await linkIdentityToMember(conn, first.id, who.subject, TEST_META)).toEqual({ ok: true });
    expect(await linkIdentityToMember(conn, second.id, who.subject, TEST_META)).toEqual({ ok: false, reason: "linked-to-other" });
  });
});

describe("the ticket from Auth.js's callback to our session", () => {
  async function ticketFor(ws: TestWorkspace, userId: string, conn: { id: string }, now = new Date()) {
    return issueSsoTicket({ tenantId: ws.tenant.id, connectionId: conn.id, userId, purpose: "sign-in", claims: { email: "x@acme.test", subject: "s", amr: [], acr: null }, now });
  }

  it("is stored hashed and works once", async () => {
    const conn = await connection(a);
    const member = await addMember(a.tenant.id, "SALES_REP");
    const token = await ticketFor(a, member.id, conn);
    expect(await systemDb().ssoTicket.count({ where: { tokenHash: token } })).toBe(0);
    expect(await consumeSsoTicket(token, a.tenant.id)).toMatchObject({ ok: true, ticket: { userId: member.id } });
    expect(await consumeSsoTicket(token, a.tenant.id)).toMatchObject({ ok: false, reason: "used" });
  });

  it("is refused after two minutes", async () => {
    const conn = await connection(a);
    const member = await addMember(a.tenant.id, "SALES_REP");
    const issued = new Date(Date.now() - TICKET_TTL_MS - 1000);
    const token = await ticketFor(a, member.id, conn, issued);
    expect(await consumeSsoTicket(token, a.tenant.id)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("made for workspace A is refused at workspace B's completion route and not used up", async () => {
    const conn = await connection(a);
    const member = await addMember(a.tenant.id, "SALES_REP");
    const token = await ticketFor(a, member.id, conn);
    expect(await completeSsoSignIn({ workspace: b.tenant, ticket: token, meta: TEST_META })).toEqual({ ok: false, reason: "ticket" });
    expect(await systemDb().session.count({ where: { tenantId: b.tenant.id, userId: member.id } })).toBe(0);
    expect(await consumeSsoTicket(token, a.tenant.id)).toMatchObject({ ok: true });
    const refusals = await auditEvents(b.tenant.id, "signin.failure");
    expect(refusals.at(-1)?.data).toMatchObject({ method: "sso", reason: "ticket-other-workspace" });
  });

  it("of two simultaneous uses, exactly one wins", async () => {
    const conn = await connection(a);
    const member = await addMember(a.tenant.id, "SALES_REP");
    const token = await ticketFor(a, member.id, conn);
    const results = await Promise.all([consumeSsoTicket(token, a.tenant.id), consumeSsoTicket(token, a.tenant.id), consumeSsoTicket(token, a.tenant.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("opens no session when the connection was turned off, the address is outside the allowlist, or the member is deactivated", async () => {
    const member = await addMember(a.tenant.id, "SALES_REP");
    const disabled = await connection(a, { enabled: false });
    expect(await completeSsoSignIn({ workspace: a.tenant, ticket: await ticketFor(a, member.id, disabled), meta: TEST_META })).toEqual({ ok: false, reason: "connection-disabled" });

    const conn = await connection(a);
    const ws = await createWorkspace();
    const connW = await connection(ws);
    const memberW = await addMember(ws.tenant.id, "SALES_REP");
    await systemDb().securityPolicy.update({ where: { tenantId: ws.tenant.id }, data: { ipAllowlist: ["198.51.100.0/24"] } });
    expect(await completeSsoSignIn({ workspace: ws.tenant, ticket: await ticketFor(ws, memberW.id, connW), meta: TEST_META })).toEqual({ ok: false, reason: "network" });

    await systemDb().user.update({ where: { tenantId_id: { tenantId: a.tenant.id, id: member.id } }, data: { status: "DEACTIVATED" } });
    expect(await completeSsoSignIn({ workspace: a.tenant, ticket: await ticketFor(a, member.id, conn), meta: TEST_META })).toEqual({ ok: false, reason: "blocked" });
    expect(await systemDb().session.count({ where: { userId: { in: [member.id, memberW.id] } } })).toBe(0);
    const reasons = (await auditEvents(a.tenant.id, "signin.failure")).map((e) => (e.data as { reason?: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(["connection-disabled", "deactivated"]));
  });
});

describe("the second factor after SSO", () => {
  it("is owed under the workspace's policy unless the connection trusts the IdP's MFA and the IdP reported it", async () => {
    const ws = await createWorkspace();
    await setMfaPolicy(ws.tenant.id, { requirement: "EVERYONE" });
    const member = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, member.id);
    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ws.tenant.id } });
    const owed = await establishSignIn({ tenant, userId: member.id, method: "sso", ...TEST_META });
    expect(owed).toMatchObject({ step: "second-factor", amr: ["sso"] });
    const trusted = await establishSignIn({ tenant, userId: member.id, method: "sso", idpMultiFactor: true, auditDetails: { connection: "Acme IdP" }, ...TEST_META });
    expect(trusted).toMatchObject({ step: null, amr: ["sso", "idp-mfa"] });
    // The log says which connection signed them in.
    expect((await auditEvents(ws.tenant.id, "signin.success")).at(-1)?.data).toMatchObject({ method: "sso", connection: "Acme IdP", amr: ["sso", "idp-mfa"] });
    // The MFA policy's switches for password, passkey and emailed link don't turn SSO off.
    await setMfaPolicy(ws.tenant.id, { allowPassword: false, allowPasskey: false, allowEmailLink: false });
    expect(await establishSignIn({ tenant, userId: member.id, method: "sso", idpMultiFactor: true, ...TEST_META })).toMatchObject({ step: null });
  });
});

describe("a workplace app's identity without an address (WeCom, DingTalk, Feishu may give none)", () => {
  it("provisions nobody, even with provisioning on, and creates no member", async () => {
    const conn = await connection(a, { jitProvisioning: true });
    const before = await systemDb().user.count({ where: { tenantId: a.tenant.id } });
    expect(await resolveMember(conn, { ...identity("unused@acme.test"), email: null }, TEST_META)).toEqual({ ok: false, reason: "no-email" });
    expect(await systemDb().user.count({ where: { tenantId: a.tenant.id } })).toBe(before);
  });

  it("signs in the member who linked the app's user id, by that id alone", async () => {
    const conn = await connection(a, { jitProvisioning: false });
    const member = await addMember(a.tenant.id, "SALES_REP", { email: `wecom-${Date.now()}@acme.test` });
    const who = { ...identity(member.email), email: null };
    expect(await linkIdentityToMember(conn, member.id, who.subject, TEST_META)).toEqual({ ok: true });
    expect(await resolveMember(conn, who, TEST_META)).toEqual({ ok: true, userId: member.id, provisioned: false });
  });
});
