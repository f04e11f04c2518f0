// Local stand-ins for WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书) for the tests
// (lib/auth/sso/workplace-apps.test.ts, and the browser tests through e2e/support/sso.ts): one
// origin serving the app's documented paths, with the documented requests, responses and error
// shapes (WeCom: HTTP 200 with errcode; DingTalk: HTTP 4xx with { code, message }; Feishu: a
// non-zero code). Relay points a connection at it with the "Endpoints origin" override.
//
//   node e2e/support/workplace-apps-mock.mjs <port> <wecom|dingtalk|feishu>
//
// The "scan" page (the authorization path) approves at once, as if the member had scanned the
// QR code in the app, and redirects back with a single-use code for the member set last by
// POST /__mock/login { id, name, email, mobile, corp, outsider } (the default: ann@acme.test of
// the configured corp). `corp` other than the configured one is a member of another organisation;
// `outsider: true` (WeCom) someone outside the corp, answered with an openid only.
import http from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";

/** The organisation and app the mock plays; the tests configure Relay's connection with the same. */
export const MOCK_APPS = {
  wecom: { corp: "wwmockcorp01", clientId: "wwmockcorp01", secret: "wecom-app-secret", agentId: "1000002" },
  dingtalk: { corp: "dingmockcorp01", clientId: "dingmockappkey", secret: "dingtalk-app-secret" },
  feishu: { corp: "mocktenantkey01", clientId: "cli_mockapp01", secret: "feishu-app-secret" },
};

const DEFAULT_LOGIN = { id: "ann.lee", name: "Ann Lee", email: "ann@acme.test", mobile: "+86 13800000000", corp: null, outsider: false };

const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

async function readBody(req) {
  let text = "";
  for await (const chunk of req) text += chunk;
  try {
    return JSON.parse(text || "{}");
  } catch {
    return null;
  }
}

const token = () => randomBytes(16).toString("hex");

export function createWorkplaceMock(kind) {
  const app = MOCK_APPS[kind];
  if (!app) throw new Error(`unknown workplace app ${kind}`);
  let login = { ...DEFAULT_LOGIN };
  const codes = new Map(); // code → { login, redirectUri, challenge, expires }
  const tokens = new Map(); // access token → login (or "app" for WeCom's app token)

  function issueCode(redirectUri, challenge) {
    const code = token();
    codes.set(code, { login: { ...login, corp: login.corp ?? app.corp }, redirectUri, challenge, expires: Date.now() + 5 * 60_000 });
    return code;
  }
  function redeem(code) {
    const entry = codes.get(code);
    codes.delete(code);
    return entry && entry.expires > Date.now() ? entry : null;
  }
  function back(res, redirectUri, params) {
    const url = new URL(redirectUri);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    res.writeHead(302, { location: url.toString() });
    res.end();
  }

  async function handle(req, res) {
    const url = new URL(req.url, "http://mock");
    const q = url.searchParams;
    if (req.method === "POST" && url.pathname === "/__mock/login") {
      const body = await readBody(req);
      login = { ...DEFAULT_LOGIN, ...(body ?? {}) };
      return json(res, 200, { ok: true });
    }

    if (kind === "wecom") {
      if (url.pathname === "/wwlogin/sso/login") {
        if (q.get("appid") !== app.corp || q.get("agentid") !== app.agentId || !q.get("redirect_uri")) return json(res, 400, { errcode: 40013, errmsg: "invalid corpid or agentid" });
        // WeCom: redirect_uri?code=CODE&state=STATE&appid=APPID
        return back(res, q.get("redirect_uri"), { code: issueCode(q.get("redirect_uri")), state: q.get("state") ?? "", appid: app.corp });
      }
      if (url.pathname === "/cgi-bin/gettoken") {
        if (q.get("corpid") !== app.corp) return json(res, 200, { errcode: 40013, errmsg: "invalid corpid" });
        if (q.get("corpsecret") !== app.secret) return json(res, 200, { errcode: 40001, errmsg: "invalid credential" });
        const accessToken = token();
        tokens.set(accessToken, "app");
        return json(res, 200, { errcode: 0, errmsg: "ok", access_token: accessToken, expires_in: 7200 });
      }
      if (tokens.get(q.get("access_token")) !== "app") return json(res, 200, { errcode: 40014, errmsg: "invalid access_token" });
      if (url.pathname === "/cgi-bin/auth/getuserinfo") {
        const entry = redeem(q.get("code"));
        // A code of another corp's login page isn't this corp's to redeem.
        if (!entry || entry.login.corp !== app.corp) return json(res, 200, { errcode: 40029, errmsg: "invalid code" });
        if (entry.login.outsider) return json(res, 200, { errcode: 0, errmsg: "ok", openid: `o${entry.login.id}`, external_userid: `wm${entry.login.id}` });
        tokens.set(`user:${entry.login.id}`, entry.login);
        return json(res, 200, { errcode: 0, errmsg: "ok", userid: entry.login.id });
      }
      if (url.pathname === "/cgi-bin/user/get") {
        const user = tokens.get(`user:${q.get("userid")}`);
        if (!user) return json(res, 200, { errcode: 60111, errmsg: "userid not found" });
        return json(res, 200, { errcode: 0, errmsg: "ok", userid: user.id, name: user.name, ...(user.email ? { biz_mail: user.email } : {}), ...(user.mobile ? { mobile: user.mobile } : {}), status: 1 });
      }
      return json(res, 404, { errcode: 40058, errmsg: "not found" });
    }

    if (kind === "dingtalk") {
      if (url.pathname === "/oauth2/auth") {
        const scopes = (q.get("scope") ?? "").split(/\s+/);
        if (q.get("client_id") !== app.clientId || q.get("response_type") !== "code" || !scopes.includes("openid") || !q.get("redirect_uri")) return json(res, 400, { code: "invalidRequest", message: "invalid authorization request" });
        const code = issueCode(q.get("redirect_uri"));
        // DingTalk: redirect_uri?authCode=CODE&state=STATE
        return back(res, q.get("redirect_uri"), { authCode: code, state: q.get("state") ?? "" });
      }
      if (url.pathname === "/v1.0/oauth2/userAccessToken" && req.method === "POST") {
        const body = await readBody(req);
        if (!body || body.clientId !== app.clientId || body.clientSecret !== app.secret) return json(res, 400, { code: "invalidClient", message: "invalid clientId or clientSecret", requestid: token() });
        if (body.grantType !== "authorization_code") return json(res, 400, { code: "unsupportedGrantType", message: "unsupported grantType", requestid: token() });
        const entry = redeem(body.code);
        if (!entry) return json(res, 400, { code: "invalidAuthCode", message: "authCode is invalid or expired", requestid: token() });
        const accessToken = token();
        tokens.set(accessToken, entry.login);
        return json(res, 200, { accessToken, refreshToken: token(), expireIn: 7200, corpId: entry.login.corp });
      }
      if (url.pathname === "/v1.0/contact/users/me") {
        const user = tokens.get(req.headers["x-acs-dingtalk-access-token"]);
        if (!user || user === "app") return json(res, 401, { code: "InvalidAuthentication", message: "access token is invalid", requestid: token() });
        return json(res, 200, { nick: user.name, unionId: `union-${user.id}`, openId: `open-${user.id}`, avatarUrl: "", stateCode: "86", ...(user.mobile ? { mobile: user.mobile.replace(/^\+86\s*/, "") } : {}), ...(user.email ? { email: user.email } : {}) });
      }
      return json(res, 404, { code: "notFound", message: "not found" });
    }

    // Feishu
    if (url.pathname === "/open-apis/authen/v1/authorize") {
      if (q.get("client_id") !== app.clientId || !q.get("redirect_uri")) return json(res, 400, { code: 20029, msg: "redirect_uri or client_id invalid" });
      const challenge = q.get("code_challenge") ? { value: q.get("code_challenge"), method: q.get("code_challenge_method") ?? "plain" } : null;
      return back(res, q.get("redirect_uri"), { code: issueCode(q.get("redirect_uri"), challenge), state: q.get("state") ?? "" });
    }
    if (url.pathname === "/open-apis/authen/v2/oauth/token" && req.method === "POST") {
      const body = await readBody(req);
      if (!body || body.client_id !== app.clientId || body.client_secret !== app.secret) return json(res, 400, { code: 20002, error: "invalid_client", error_description: "The client secret is invalid." });
      if (body.grant_type !== "authorization_code") return json(res, 400, { code: 20001, error: "unsupported_grant_type", error_description: "grant_type invalid" });
      const entry = redeem(body.code);
      if (!entry || (body.redirect_uri && body.redirect_uri !== entry.redirectUri)) return json(res, 400, { code: 20003, error: "invalid_grant", error_description: "The authorization code is invalid." });
      if (entry.challenge) {
        const verifier = String(body.code_verifier ?? "");
        const computed = entry.challenge.method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
        if (computed !== entry.challenge.value) return json(res, 400, { code: 20050, error: "invalid_grant", error_description: "code_verifier mismatch" });
      }
      const accessToken = token();
      tokens.set(accessToken, entry.login);
      return json(res, 200, { code: 0, access_token: accessToken, expires_in: 7200, token_type: "Bearer", scope: "" });
    }
    if (url.pathname === "/open-apis/authen/v1/user_info") {
      const user = tokens.get((req.headers.authorization ?? "").replace(/^Bearer\s+/i, ""));
      if (!user) return json(res, 401, { code: 99991668, msg: "Invalid access token for authorization." });
      return json(res, 200, {
        code: 0,
        msg: "success",
        data: { name: user.name, en_name: user.name, open_id: `ou_${user.id}`, union_id: `on_${user.id}`, user_id: user.id, tenant_key: user.corp, ...(user.email ? { enterprise_email: user.email } : {}), ...(user.mobile ? { mobile: user.mobile } : {}) },
      });
    }
    return json(res, 404, { code: 404, msg: "not found" });
  }

  return http.createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { code: 500, msg: "mock error" }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.argv[2]);
  const kind = process.argv[3];
  createWorkplaceMock(kind).listen(port, "127.0.0.1", () => console.log(`${kind} mock listening on http://127.0.0.1:${port}`));
}
