// WeCom, DingTalk and Feishu (issue 14, "The Chinese workplace apps"): each app's code exchange
// and user info against a local stand-in that speaks the documented requests, responses and error
// shapes (e2e/support/workplace-apps-mock.mjs), and the rules the answer must then pass: the
// organisation must be the connection's, the member is the app's user id, an address outside the
// allowed domains counts for nothing.
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module shared with the browser tests' server.
import { createWorkplaceMock, MOCK_APPS } from "../../../e2e/support/workplace-apps-mock.mjs";
import { checkClaims } from "./claims";
import {
  authorizationParams,
  exchangeWorkplaceCode,
  fetchWorkplaceProfile,
  WorkplaceApiError,
  workplaceEndpoints,
  workplaceFetch,
  type WorkplaceConfig,
  type WorkplaceKind,
} from "./workplace-apps";

type MockApp = { corp: string; clientId: string; secret: string; agentId?: string };
const apps = MOCK_APPS as Record<"wecom" | "dingtalk" | "feishu", MockApp>;
const KINDS: Record<WorkplaceKind, keyof typeof apps> = { WECOM: "wecom", DINGTALK: "dingtalk", FEISHU: "feishu" };
const REDIRECT = "http://127.0.0.1:3290/api/auth/callback/sso-cm0000000000000000000001";

const servers = new Map<WorkplaceKind, { server: Server; origin: string }>();

beforeAll(async () => {
  for (const kind of Object.keys(KINDS) as WorkplaceKind[]) {
    const server = createWorkplaceMock(KINDS[kind]) as Server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.set(kind, { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }
});

afterAll(async () => {
  for (const { server } of servers.values()) await new Promise((resolve) => server.close(resolve));
});

function configOf(kind: WorkplaceKind, overrides: Partial<WorkplaceConfig> = {}): WorkplaceConfig {
  const app = apps[KINDS[kind]];
  return {
    kind,
    clientId: app.clientId,
    clientSecret: app.secret,
    providerTenant: kind === "WECOM" ? app.agentId! : app.corp,
    endpoints: workplaceEndpoints(kind, servers.get(kind)!.origin),
    ...overrides,
  };
}

async function setLogin(kind: WorkplaceKind, login: Record<string, unknown>) {
  await fetch(`${servers.get(kind)!.origin}/__mock/login`, { method: "POST", body: JSON.stringify(login) });
}

/** The "scan": the authorization request as Auth.js sends it, answered by a redirect with a code. */
async function scan(config: WorkplaceConfig, challenge?: string): Promise<string> {
  const url = new URL(config.endpoints.authorization);
  for (const [key, value] of Object.entries({ response_type: "code", client_id: config.clientId, redirect_uri: REDIRECT, state: "s1", ...authorizationParams(config) })) url.searchParams.set(key, value);
  if (challenge) {
    url.searchParams.set("code_challenge", challenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get("location")!);
  expect(back.searchParams.get("state")).toBe("s1");
  return back.searchParams.get("code") ?? back.searchParams.get("authCode")!;
}

async function signIn(kind: WorkplaceKind, overrides: Partial<WorkplaceConfig> = {}) {
  const config = configOf(kind, overrides);
  const code = await scan(config);
  const tokens = await exchangeWorkplaceCode(config, { code, codeVerifier: null, redirectUri: REDIRECT }, fetch);
  return fetchWorkplaceProfile(config, tokens, fetch);
}

const connectionOf = (kind: WorkplaceKind, allowedDomains = ["acme.test"]) => ({ kind, providerTenant: configOf(kind).providerTenant, allowedDomains });

describe("the default endpoints are the apps' documented ones; an override keeps their paths", () => {
  it("uses the real hosts unless an origin is given", () => {
    expect(workplaceEndpoints("WECOM", "")).toMatchObject({ authorization: "https://login.work.weixin.qq.com/wwlogin/sso/login", token: "https://qyapi.weixin.qq.com/cgi-bin/gettoken" });
    expect(workplaceEndpoints("DINGTALK", null)).toMatchObject({ token: "https://api.dingtalk.com/v1.0/oauth2/userAccessToken", userinfo: "https://api.dingtalk.com/v1.0/contact/users/me" });
    expect(workplaceEndpoints("FEISHU", "https://proxy.acme.test/")).toMatchObject({ authorization: "https://proxy.acme.test/open-apis/authen/v1/authorize", token: "https://proxy.acme.test/open-apis/authen/v2/oauth/token" });
  });
});

describe.each(["WECOM", "DINGTALK", "FEISHU"] as const)("%s", (kind) => {
  it("signs in a member of the connection's organisation by the app's user id", async () => {
    await setLogin(kind, {});
    const claims = await signIn(kind);
    const checked = checkClaims(connectionOf(kind), claims);
    expect(checked).toMatchObject({ ok: true, identity: { email: "ann@acme.test", name: "Ann Lee" } });
    // The subject is the app's own id for the person, never the address.
    expect(checked.ok && checked.identity.subject).toMatch(/ann\.lee$/);
  });

  it("refuses a member of another organisation (corp id / tenant key)", async () => {
    await setLogin(kind, kind === "WECOM" ? { outsider: true } : { corp: "another-corp" });
    const claims = await signIn(kind);
    expect(checkClaims(connectionOf(kind), claims)).toMatchObject({ ok: false, reason: "corp" });
  });

  it("ignores an address outside the allowed domains, and a missing one: matched by user id only", async () => {
    await setLogin(kind, { email: "ann@gmail.com" });
    expect(checkClaims(connectionOf(kind), await signIn(kind))).toMatchObject({ ok: true, identity: { email: null } });
    await setLogin(kind, { email: null });
    expect(checkClaims(connectionOf(kind), await signIn(kind))).toMatchObject({ ok: true, identity: { email: null } });
  });

  it("fails on a wrong app secret with the app's own error, and on a code used twice", async () => {
    await setLogin(kind, {});
    const config = configOf(kind, { clientSecret: "wrong" });
    const code = await scan(config);
    await expect(exchangeWorkplaceCode(config, { code, codeVerifier: null, redirectUri: REDIRECT }, fetch)).rejects.toBeInstanceOf(WorkplaceApiError);

    const good = configOf(kind);
    const once = await scan(good);
    await exchangeWorkplaceCode(good, { code: once, codeVerifier: null, redirectUri: REDIRECT }, fetch);
    await expect(exchangeWorkplaceCode(good, { code: once, codeVerifier: null, redirectUri: REDIRECT }, fetch)).rejects.toThrow(WorkplaceApiError);
  });
});

describe("the app's error shapes", () => {
  it("WeCom: HTTP 200 with a non-zero errcode is an error", async () => {
    await expect(exchangeWorkplaceCode(configOf("WECOM", { clientId: "wwothercorp" }), { code: "x", codeVerifier: null, redirectUri: REDIRECT }, fetch)).rejects.toMatchObject({ providerCode: "40013" });
  });
  it("DingTalk: an HTTP error with { code } is an error", async () => {
    await expect(exchangeWorkplaceCode(configOf("DINGTALK"), { code: "nope", codeVerifier: null, redirectUri: REDIRECT }, fetch)).rejects.toMatchObject({ providerCode: "invalidAuthCode" });
  });
  it("Feishu: a non-zero code is an error, including a PKCE verifier that doesn't match", async () => {
    const config = configOf("FEISHU");
    const verifier = "a-pkce-code-verifier-of-forty-three-characters-or-more";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const code = await scan(config, challenge);
    await expect(exchangeWorkplaceCode(config, { code, codeVerifier: "not-the-verifier", redirectUri: REDIRECT }, fetch)).rejects.toMatchObject({ providerCode: "20050" });
    const again = await scan(config, challenge);
    await expect(exchangeWorkplaceCode(config, { code: again, codeVerifier: verifier, redirectUri: REDIRECT }, fetch)).resolves.toMatchObject({ token_type: "bearer" });
  });
});

describe("workplaceFetch: Auth.js's standard token request answered by the app's exchange", () => {
  it("turns the form-encoded code grant into the app's requests and a standard token response", async () => {
    await setLogin("DINGTALK", {});
    const config = configOf("DINGTALK");
    const code = await scan(config);
    const body = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    const response = await workplaceFetch(config, fetch)(config.endpoints.token, { method: "POST", body });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: "bearer", dingtalk_corp_id: apps.dingtalk.corp });
    expect(await fetchWorkplaceProfile(config, tokens, fetch)).toMatchObject({ sub: "union-ann.lee", tenant: apps.dingtalk.corp });
  });

  it("passes every other request through unchanged", async () => {
    const config = configOf("FEISHU");
    const response = await workplaceFetch(config, fetch)(config.endpoints.userinfo, { method: "GET" });
    expect(response.status).toBe(401);
  });
});
