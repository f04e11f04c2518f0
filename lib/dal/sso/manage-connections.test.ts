// The settings page's connections: only Owners and Admins, the secret sealed, discovery refused
// for http and private addresses by default, a passed test before turning on, and any change to
// what the protocol depends on turning the connection off until it is tested again.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import { openClientSecret } from "@/lib/auth/sso/connections";
import { ssoRequiredFor } from "@/lib/auth/sso/sso-required";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { listConnections, saveConnection, setConnectionEnabled } from "./manage-connections";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

const form = (extra: Record<string, string> = {}) => ({
  kind: "ENTRA",
  displayName: "Microsoft",
  providerTenant: "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
  clientId: "app-id",
  clientSecret: "first-secret",
  allowedDomains: "acme.test",
  ...extra,
});

/** A stored connection, as if discovery had passed (these tests don't reach the internet). */
async function storedConnection(extra: Record<string, unknown> = {}) {
  const owner = memberContext(ws.owner, ws.tenant);
  const row = await systemDb().ssoConnection.create({
    data: {
      tenantId: ws.tenant.id,
      kind: "ENTRA",
      displayName: "Microsoft",
      issuer: "https://login.microsoftonline.com/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b/v2.0",
      providerTenant: "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
      clientId: "app-id",
      clientSecretSealed: "x",
      allowedDomains: ["acme.test"],
      ...extra,
    },
  });
  return { owner, row };
}

describe("saving a connection", () => {
  it("is for Owners and Admins only", async () => {
    const manager = await addMember(ws.tenant.id, "MANAGER");
    await expect(saveConnection(memberContext(manager, ws.tenant), form(), TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(listConnections(memberContext(manager, ws.tenant))).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("refuses an http or loopback issuer by default, before storing anything", async () => {
    const owner = memberContext(ws.owner, ws.tenant);
    const before = await systemDb().ssoConnection.count({ where: { tenantId: ws.tenant.id } });
    expect(await saveConnection(owner, form({ kind: "OIDC", issuer: "http://127.0.0.1:4400" }), TEST_META)).toEqual({ ok: false, fieldErrors: { issuer: ["ssoIssuerInsecure"] } });
    expect(await saveConnection(owner, form({ kind: "OIDC", issuer: "https://169.254.169.254/latest" }), TEST_META)).toEqual({ ok: false, fieldErrors: { issuer: ["ssoIssuerPrivate"] } });
    expect(await saveConnection(owner, form({ kind: "ENTRA", authority: "https://localhost" }), TEST_META)).toEqual({ ok: false, fieldErrors: { authority: ["ssoIssuerPrivate"] } });
    expect(await systemDb().ssoConnection.count({ where: { tenantId: ws.tenant.id } })).toBe(before);
  });

  it("refuses Entra's multi-tenant \"common\" and bad domains with field errors", async () => {
    const owner = memberContext(ws.owner, ws.tenant);
    expect(await saveConnection(owner, form({ providerTenant: "common" }), TEST_META)).toMatchObject({ ok: false, fieldErrors: { providerTenant: ["ssoDirectoryInvalid"] } });
    expect(await saveConnection(owner, form({ allowedDomains: "acme, @@" }), TEST_META)).toMatchObject({ ok: false, fieldErrors: { allowedDomains: ["ssoDomainsInvalid"] } });
  });

  it("WeCom, DingTalk, Feishu: saved without discovery, ids checked, the secret sealed; an endpoints origin passes the same guard", async () => {
    const owner = memberContext(ws.owner, ws.tenant);
    const before = await systemDb().ssoConnection.count({ where: { tenantId: ws.tenant.id } });
    expect(await saveConnection(owner, form({ kind: "WECOM", clientId: "wwcorp01", providerTenant: "" }), TEST_META)).toMatchObject({ ok: false, fieldErrors: { providerTenant: ["ssoAgentIdInvalid"] } });
    expect(await saveConnection(owner, form({ kind: "DINGTALK", clientId: "dingapp", providerTenant: "ding corp/../x" }), TEST_META)).toMatchObject({ ok: false, fieldErrors: { providerTenant: ["ssoCorpIdInvalid"] } });
    expect(await saveConnection(owner, form({ kind: "FEISHU", clientId: "cli_app", providerTenant: "tk01", authority: "http://127.0.0.1:4412" }), TEST_META)).toEqual({ ok: false, fieldErrors: { authority: ["ssoIssuerInsecure"] } });
    expect(await systemDb().ssoConnection.count({ where: { tenantId: ws.tenant.id } })).toBe(before);

    const saved = await saveConnection(owner, form({ kind: "DINGTALK", displayName: "钉钉", clientId: "dingApp01", providerTenant: "dingCorp01" }), TEST_META);
    expect(saved).toMatchObject({ ok: true, created: true });
    if (!saved.ok) return;
    const row = await systemDb().ssoConnection.findUniqueOrThrow({ where: { id: saved.id } });
    // The corp id is compared with DingTalk's answer as given: not lowercased.
    expect(row).toMatchObject({ kind: "DINGTALK", issuer: "", providerTenant: "dingCorp01", clientId: "dingApp01", enabled: false });
    expect(openClientSecret(row)).toBe("first-secret");
  });

  it("keeps the secret sealed to its row, and a protocol change turns the connection off and forgets its test", async () => {
    const { owner, row } = await storedConnection({ enabled: true, testedAt: new Date() });
    const saved = await saveConnection(owner, form({ id: row.id, clientSecret: "rotated-secret" }), TEST_META);
    expect(saved).toEqual({ ok: true, id: row.id, created: false });
    const after = await systemDb().ssoConnection.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: row.id } } });
    expect(after.clientSecretSealed).not.toContain("rotated-secret");
    expect(openClientSecret(after)).toBe("rotated-secret");
    expect(after).toMatchObject({ enabled: false, testedAt: null });
    const changed = (await auditEvents(ws.tenant.id, "sso.connection_changed")).at(-1);
    expect(JSON.stringify(changed?.data)).not.toContain("rotated-secret");
    expect(changed?.data).toMatchObject({ name: "Microsoft", turnedOff: true });
  });

  it("leaves a tested connection on when only its settings change", async () => {
    const { owner, row } = await storedConnection({ enabled: true, testedAt: new Date() });
    expect(await saveConnection(owner, form({ id: row.id, clientSecret: "", displayName: "Microsoft 365", ssoRequired: "on" }), TEST_META)).toMatchObject({ ok: true });
    expect(await systemDb().ssoConnection.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: row.id } } })).toMatchObject({ enabled: true, ssoRequired: true, displayName: "Microsoft 365" });
  });

  it("can't turn on a connection whose test hasn't passed", async () => {
    const { owner, row } = await storedConnection();
    expect(await setConnectionEnabled(owner, row.id, true, TEST_META)).toEqual({ ok: false, formError: "ssoTestRequired" });
    await systemDb().ssoConnection.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: row.id } }, data: { testedAt: new Date() } });
    expect(await setConnectionEnabled(owner, row.id, true, TEST_META)).toEqual({ ok: true });
    expect((await auditEvents(ws.tenant.id, "sso.connection_enabled")).at(-1)?.data).toMatchObject({ name: "Microsoft" });
  });

  it("can't reach another workspace's connection by id", async () => {
    const other = await createWorkspace();
    const { row } = await storedConnection();
    const stranger = memberContext(other.owner, other.tenant);
    expect(await setConnectionEnabled(stranger, row.id, false, TEST_META)).toEqual({ ok: false, formError: "ssoConnectionNotFound" });
    expect(await saveConnection(stranger, form({ id: row.id }), TEST_META)).toEqual({ ok: false, formError: "ssoConnectionNotFound" });
  });
});

describe("SSO required", () => {
  it("refuses the password of a member of the domain after it is checked, never an Owner's, nor other domains", async () => {
    const w = await createWorkspace();
    await systemDb().ssoConnection.create({
      data: { tenantId: w.tenant.id, kind: "OIDC", displayName: "Acme", issuer: "https://idp.example.com", clientId: "c", clientSecretSealed: "x", allowedDomains: ["acme.test"], enabled: true, testedAt: new Date(), ssoRequired: true },
    });
    const rep = await addMember(w.tenant.id, "SALES_REP", { email: `rep-${Date.now()}@acme.test` });
    const owner = await addMember(w.tenant.id, "OWNER", { email: `owner-${Date.now()}@acme.test` });
    const outsider = await addMember(w.tenant.id, "SALES_REP", { email: `rep-${Date.now()}@elsewhere.test` });
    expect(await ssoRequiredFor(w.tenant.id, rep)).toBe(true);
    expect(await ssoRequiredFor(w.tenant.id, owner)).toBe(false);
    expect(await ssoRequiredFor(w.tenant.id, outsider)).toBe(false);

    const attempt = (username: string, password = "Correct Horse Battery 42") => signInWithPassword({ tenantId: w.tenant.id, username, password, ...TEST_META });
    expect(await attempt(rep.email)).toMatchObject({ ok: false, reason: "ssoRequired" });
    // A wrong password gets the usual answer: being under SSO says nothing to someone without it.
    expect(await attempt(rep.email, "wrong password here")).toMatchObject({ ok: false, reason: "invalidCredentials" });
    expect(await attempt(owner.email)).toMatchObject({ ok: true });
    expect(await attempt(outsider.email)).toMatchObject({ ok: true });
    expect(await systemDb().session.count({ where: { tenantId: w.tenant.id, userId: rep.id } })).toBe(0);
  });

  it("doesn't apply while the connection is off", async () => {
    const w = await createWorkspace();
    await systemDb().ssoConnection.create({
      data: { tenantId: w.tenant.id, kind: "OIDC", displayName: "Acme", issuer: "https://idp.example.com", clientId: "c", clientSecretSealed: "x", allowedDomains: ["acme.test"], enabled: false, ssoRequired: true },
    });
    const rep = await addMember(w.tenant.id, "SALES_REP", { email: `rep-${Date.now()}@acme.test` });
    expect(await ssoRequiredFor(w.tenant.id, rep)).toBe(false);
  });
});
