import type { SsoKind } from "@/lib/generated/prisma/enums";

// WeCom (企业微信), DingTalk (钉钉) and Feishu/Lark (飞书): scan-to-sign-in with the company's app.
// Each is an OAuth 2.0 variant without an id token, so Auth.js runs it as a provider of type
// "oauth" (auth-js.ts) and this module supplies what differs from RFC 6749:
// - the code exchange: oauth4webapi always POSTs a standard token request, which none of the
//   three apps accepts as such. The provider's fetch (workplaceFetch) answers that request itself
//   by making the app's documented requests and handing Auth.js a standard token response;
// - the user info (userinfo.request): the app's own requests, normalised into claims that
//   checkClaims (claims.ts) applies the rules to: { sub, email, name, tenant }.
//
// Errors come back in each app's own shape: WeCom answers HTTP 200 with a non-zero `errcode`,
// DingTalk an HTTP 4xx with { code, message }, Feishu a non-zero `code`. Every one of them ends
// the flow (WorkplaceApiError; the route logs its class, never the body).
//
// Endpoints: the real ones, or (issuer column) one origin serving all of them at their
// documented paths: a company's proxy, or the tests' mock (e2e/support/workplace-apps-mock.mjs).

export const WORKPLACE_KINDS = ["WECOM", "DINGTALK", "FEISHU"] as const satisfies readonly SsoKind[];
export type WorkplaceKind = (typeof WORKPLACE_KINDS)[number];

export function isWorkplaceKind(kind: SsoKind): kind is WorkplaceKind {
  return (WORKPLACE_KINDS as readonly SsoKind[]).includes(kind);
}

export type WorkplaceEndpoints = { authorization: string; token: string; userinfo: string; userDetail?: string; appToken?: string };

const DEFAULTS: Record<WorkplaceKind, WorkplaceEndpoints> = {
  WECOM: {
    authorization: "https://login.work.weixin.qq.com/wwlogin/sso/login",
    // The app's access token (corp id + app secret); the login code is then read with it.
    token: "https://qyapi.weixin.qq.com/cgi-bin/gettoken",
    userinfo: "https://qyapi.weixin.qq.com/cgi-bin/auth/getuserinfo",
    userDetail: "https://qyapi.weixin.qq.com/cgi-bin/user/get",
  },
  DINGTALK: {
    authorization: "https://login.dingtalk.com/oauth2/auth",
    token: "https://api.dingtalk.com/v1.0/oauth2/userAccessToken",
    userinfo: "https://api.dingtalk.com/v1.0/contact/users/me",
  },
  FEISHU: {
    authorization: "https://accounts.feishu.cn/open-apis/authen/v1/authorize",
    token: "https://open.feishu.cn/open-apis/authen/v2/oauth/token",
    userinfo: "https://open.feishu.cn/open-apis/authen/v1/user_info",
  },
};

/** The endpoints of a connection: the real ones, or each documented path on the override origin. */
export function workplaceEndpoints(kind: WorkplaceKind, originOverride: string | null | undefined): WorkplaceEndpoints {
  const defaults = DEFAULTS[kind];
  const origin = originOverride?.trim().replace(/\/+$/, "");
  if (!origin) return defaults;
  const moved = (url: string) => {
    const real = new URL(url);
    return `${origin}${real.pathname}`;
  };
  return Object.fromEntries(Object.entries(defaults).map(([key, url]) => [key, moved(url)])) as WorkplaceEndpoints;
}

export class WorkplaceApiError extends Error {
  constructor(
    readonly kind: WorkplaceKind,
    readonly step: string,
    readonly providerCode: string,
  ) {
    // The app's own code only: its message may echo the request.
    super(`${kind} ${step} failed: ${providerCode}`);
    this.name = "WorkplaceApiError";
  }
}

export type WorkplaceConfig = { kind: WorkplaceKind; clientId: string; clientSecret: string; providerTenant: string | null; endpoints: WorkplaceEndpoints };
type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const MAX_BYTES = 64 * 1024;

async function readJson(kind: WorkplaceKind, step: string, response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new WorkplaceApiError(kind, step, "too-large");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new WorkplaceApiError(kind, step, `http-${response.status}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new WorkplaceApiError(kind, step, `http-${response.status}`);
  return body as Record<string, unknown>;
}

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : typeof value === "number" ? String(value) : null);

/** WeCom: HTTP 200 with { errcode, errmsg }; errcode 0 is success. */
async function wecom(fetchFn: Fetch, step: string, url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetchFn(url, init);
  const body = await readJson("WECOM", step, response);
  if (!response.ok || (body.errcode !== undefined && body.errcode !== 0)) throw new WorkplaceApiError("WECOM", step, str(body.errcode) ?? `http-${response.status}`);
  return body;
}

/** DingTalk's v1.0 APIs: an HTTP error status with { code, message, requestid }. */
async function dingtalk(fetchFn: Fetch, step: string, url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetchFn(url, init);
  const body = await readJson("DINGTALK", step, response);
  if (!response.ok) throw new WorkplaceApiError("DINGTALK", step, str(body.code) ?? `http-${response.status}`);
  return body;
}

/** Feishu: { code, msg | error } with code 0 for success (the v2 token endpoint also sets an HTTP error status). */
async function feishu(fetchFn: Fetch, step: string, url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetchFn(url, init);
  const body = await readJson("FEISHU", step, response);
  if (!response.ok || body.code !== 0) throw new WorkplaceApiError("FEISHU", step, str(body.code) ?? `http-${response.status}`);
  return body;
}

const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" }, body: JSON.stringify(body) });

/** A token response as RFC 6749 section 5.1 shapes it, carrying what the user-info step needs. */
export type ExchangedTokens = { access_token: string; token_type: "bearer"; expires_in?: number } & Record<string, string | number>;

/**
 * Redeems the login code the app redirected back with. WeCom has no user token: the app's token
 * (corp id + secret) reads the code, which only the corp that issued it can redeem.
 */
export async function exchangeWorkplaceCode(
  config: WorkplaceConfig,
  grant: { code: string; codeVerifier: string | null; redirectUri: string },
  fetchFn: Fetch,
): Promise<ExchangedTokens> {
  const { kind, endpoints } = config;
  if (kind === "WECOM") {
    const tokenUrl = new URL(endpoints.token);
    tokenUrl.searchParams.set("corpid", config.clientId);
    tokenUrl.searchParams.set("corpsecret", config.clientSecret);
    const app = await wecom(fetchFn, "gettoken", tokenUrl.toString());
    const accessToken = str(app.access_token);
    if (!accessToken) throw new WorkplaceApiError(kind, "gettoken", "no-token");
    const infoUrl = new URL(endpoints.userinfo);
    infoUrl.searchParams.set("access_token", accessToken);
    infoUrl.searchParams.set("code", grant.code);
    const info = await wecom(fetchFn, "getuserinfo", infoUrl.toString());
    // A member of the corp comes back as userid; anyone else (an external contact) as openid only.
    const userid = str(info.userid) ?? str(info.UserId);
    return { access_token: accessToken, token_type: "bearer", ...(userid ? { wecom_userid: userid } : { wecom_outsider: "1" }) };
  }
  if (kind === "DINGTALK") {
    const body = await dingtalk(fetchFn, "userAccessToken", endpoints.token, json({ clientId: config.clientId, clientSecret: config.clientSecret, code: grant.code, grantType: "authorization_code" }));
    const accessToken = str(body.accessToken);
    if (!accessToken) throw new WorkplaceApiError(kind, "userAccessToken", "no-token");
    // corpId: the organisation the member chose at DingTalk (the "corpid" scope asks for it).
    const corpId = str(body.corpId);
    return { access_token: accessToken, token_type: "bearer", ...(corpId ? { dingtalk_corp_id: corpId } : {}) };
  }
  const body = await feishu(
    fetchFn,
    "oauth/token",
    endpoints.token,
    json({
      grant_type: "authorization_code",
      client_id: config.clientId,
      client_secret: config.clientSecret,
      code: grant.code,
      redirect_uri: grant.redirectUri,
      ...(grant.codeVerifier ? { code_verifier: grant.codeVerifier } : {}),
    }),
  );
  const accessToken = str(body.access_token);
  if (!accessToken) throw new WorkplaceApiError(kind, "oauth/token", "no-token");
  return { access_token: accessToken, token_type: "bearer" };
}

/** The claims checkClaims reads for a workplace app: the app's user id, the corp it belongs to. */
export type WorkplaceClaims = { sub: string | null; tenant: string | null; email: string | null; name: string | null; mobile: string | null; outsider: boolean };

export async function fetchWorkplaceProfile(config: WorkplaceConfig, tokens: Record<string, unknown>, fetchFn: Fetch): Promise<WorkplaceClaims> {
  const { kind, endpoints } = config;
  const accessToken = str(tokens.access_token) ?? "";
  if (kind === "WECOM") {
    const userid = str(tokens.wecom_userid);
    // The corp is the one whose token read the code: the connection's own corp id.
    if (!userid) return { sub: null, tenant: config.clientId, email: null, name: null, mobile: null, outsider: true };
    const url = new URL(endpoints.userDetail!);
    url.searchParams.set("access_token", accessToken);
    url.searchParams.set("userid", userid);
    const user = await wecom(fetchFn, "user/get", url.toString());
    // biz_mail is the corp's own mailbox; email is what the admin typed in the directory. Since
    // 2022 WeCom returns neither to apps created after June 20 2022 unless granted.
    return { sub: userid, tenant: config.clientId, email: str(user.biz_mail) ?? str(user.email), name: str(user.name), mobile: str(user.mobile), outsider: false };
  }
  if (kind === "DINGTALK") {
    const me = await dingtalk(fetchFn, "users/me", endpoints.userinfo, { headers: { "x-acs-dingtalk-access-token": accessToken, accept: "application/json" } });
    return { sub: str(me.unionId), tenant: str(tokens.dingtalk_corp_id), email: str(me.email), name: str(me.nick), mobile: str(me.mobile), outsider: false };
  }
  const answer = await feishu(fetchFn, "user_info", endpoints.userinfo, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  const data = (answer.data && typeof answer.data === "object" ? answer.data : {}) as Record<string, unknown>;
  // enterprise_email is the tenant's mailbox; email is the account's own (contact:user.email:readonly).
  return { sub: str(data.open_id), tenant: str(data.tenant_key), email: str(data.enterprise_email) ?? str(data.email), name: str(data.name), mobile: str(data.mobile), outsider: false };
}

/** The authorization request's parameters besides client_id, redirect_uri, response_type and state. */
export function authorizationParams(config: Pick<WorkplaceConfig, "kind" | "clientId" | "providerTenant">): Record<string, string> {
  if (config.kind === "WECOM") return { login_type: "CorpApp", appid: config.clientId, agentid: config.providerTenant ?? "" };
  // "corpid" makes DingTalk ask which organisation, and report it with the token.
  if (config.kind === "DINGTALK") return { scope: "openid corpid", prompt: "consent" };
  return {};
}

/**
 * The provider's fetch: the standard token request oauth4webapi sends to the token endpoint is
 * answered by the app's own exchange; every other request goes out unchanged. All of them through
 * the SSRF guard (passed in as fetchFn).
 */
export function workplaceFetch(config: WorkplaceConfig, fetchFn: Fetch) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url !== new URL(config.endpoints.token).toString() || init?.method !== "POST") return fetchFn(url, init);
    const form = new URLSearchParams(typeof init.body === "string" ? init.body : init.body instanceof URLSearchParams ? init.body : undefined);
    const code = form.get("code");
    if (!code) return Response.json({ error: "invalid_request" }, { status: 400 });
    const tokens = await exchangeWorkplaceCode(config, { code, codeVerifier: form.get("code_verifier"), redirectUri: form.get("redirect_uri") ?? "" }, fetchFn);
    return Response.json(tokens, { headers: { "cache-control": "no-store" } });
  };
}
