// The Auth.js endpoints as the route serves them, through Auth.js itself: only CSRF, starting a
// flow and the callback exist; a callback for a connection the browser didn't start a flow with
// (another workspace's) is refused before any code is exchanged; a turned-off connection starts
// nothing; and an issuer on a private address is never contacted, even by Auth.js.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { systemDb } from "@/lib/db/prisma";
import { auditEvents, createWorkspace, type TestWorkspace } from "@/test/factories";
import { sealClientSecret } from "./connections";
import { encodeFlow, flowCookieName } from "./flow-cookie";
import { handleAuthRequest } from "./auth-routes";

let ws: TestWorkspace;
const base = "http://localhost:3000";

async function connection(extra: { enabled?: boolean; issuer?: string } = {}) {
  const row = await systemDb().ssoConnection.create({
    data: { tenantId: ws.tenant.id, kind: "OIDC", displayName: "Acme", issuer: extra.issuer ?? "https://idp.example.com", clientId: "c", clientSecretSealed: "x", allowedDomains: ["acme.test"], enabled: extra.enabled ?? true, testedAt: new Date() },
  });
  await systemDb().ssoConnection.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: row.id } }, data: { clientSecretSealed: sealClientSecret(ws.tenant.id, row.id, "s") } });
  return row.id;
}

const call = (path: string, init: ConstructorParameters<typeof NextRequest>[1] = {}) => {
  const request = new NextRequest(`${base}${path}`, init);
  return handleAuthRequest(request, path.split("?")[0]!.replace("/api/auth/", "").split("/"));
};

beforeAll(async () => {
  ws = await createWorkspace();
});

describe("/api/auth/*", () => {
  it("serves none of Auth.js's other endpoints, and no unknown provider", async () => {
    for (const path of ["/api/auth/session", "/api/auth/providers", "/api/auth/signout", "/api/auth/signin", "/api/auth/signin/github", "/api/auth/callback/credentials"]) {
      expect((await call(path)).status, path).toBe(404);
    }
    expect((await call("/api/auth/signin/sso-cunknownconnection0000000", { method: "POST" })).status).toBe(404);
  });

  it("gives a CSRF token, and answers a callbackUrl that isn't ours with 400, not Auth.js's 500", async () => {
    const ok = await call("/api/auth/csrf");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ csrfToken: expect.any(String) });
    expect((await call("/api/auth/csrf?callbackUrl=javascript:alert(1)")).status).toBe(400);
  });

  it("refuses a callback whose flow cookie names another connection (another workspace's) or none", async () => {
    const mine = await connection();
    const other = await connection();
    for (const cookie of ["", `${flowCookieName()}=${encodeFlow({ providerId: `sso-${other}`, intent: "sign-in", next: null })}`]) {
      const response = await call(`/api/auth/callback/sso-${mine}?code=stolen&state=x`, { headers: { cookie } });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(new RegExp(`/${ws.tenant.slug}/login\\?sso=failed$`));
    }
    const refusals = await auditEvents(ws.tenant.id, "signin.failure");
    expect(refusals.filter((e) => (e.data as { reason?: string }).reason === "flow-mismatch")).toHaveLength(2);
  });

  it("starts no flow for a turned-off connection", async () => {
    const id = await connection({ enabled: false });
    const response = await call(`/api/auth/signin/sso-${id}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" }, body: "intent=sign-in" });
    expect(await response.json()).toEqual({ url: expect.stringMatching(new RegExp(`/${ws.tenant.slug}/login\\?sso=connection-disabled$`)) });
  });

  it("never lets Auth.js contact an issuer on a loopback address (discovery goes through the guard)", async () => {
    const id = await connection({ issuer: "http://127.0.0.1:9" });
    const csrf = await call("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const response = await call(`/api/auth/signin/sso-${id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1", cookie },
      body: new URLSearchParams({ csrfToken, intent: "sign-in" }).toString(),
    });
    const { url } = (await response.json()) as { url: string };
    expect(url).toContain(`/${ws.tenant.slug}/login?sso=failed`);
    expect(url).not.toContain("127.0.0.1");
  });
});
