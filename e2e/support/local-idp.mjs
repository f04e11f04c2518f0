// A local OpenID Provider for the browser tests: panva's oidc-provider (a certified OP) with its
// development login form (fields "login" and "password"; any password is accepted, the login is
// the account's email). Started by e2e/support/sso.ts as a child process:
//
//   node e2e/support/local-idp.mjs <port> <kind>
//
// kind "oidc":   a plain OpenID Provider, issuer http://127.0.0.1:<port>
// kind "google": Google's claims: hd for accounts of a hosted domain (Google sets it from the
//                account, whatever the request's hd parameter asked for)
// kind "entra":  Entra ID's tenant-specific issuer http://127.0.0.1:<port>/<tid>/v2.0 and the tid,
//                preferred_username (UPN) claims, no email_verified
//
// Login conventions (the login typed in the form decides the account's claims):
//   "unverified+…@domain"  email_verified false
//   "mfa+…@domain"         amr ["pwd", "otp"] (the IdP's own second factor)
//   "personal+…@domain"    Google: no hd claim (a consumer account); Entra: another directory's tid
// Clients register themselves (RFC 7591 dynamic registration at /reg), as an admin registers the
// callback URL that Relay's settings page shows.
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.argv[2]);
const kind = process.argv[3] ?? "oidc";
const ENTRA_TENANT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const OTHER_TENANT = "99999999-9999-4999-8999-999999999999";
const prefix = kind === "entra" ? `/${ENTRA_TENANT}/v2.0` : "";
const issuer = `http://127.0.0.1:${port}${prefix}`;

function claimsFor(login) {
  const email = login.replace(/^(unverified|mfa|personal)\+/, "").toLowerCase();
  const flags = new Set((/^(unverified|mfa|personal)\+/.exec(login) ?? [])[1] ? [login.split("+")[0]] : []);
  const domain = email.split("@")[1] ?? "";
  const name = email.split("@")[0].replace(/[._-]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
  const base = { name };
  if (kind === "entra") {
    return { ...base, tid: flags.has("personal") ? OTHER_TENANT : ENTRA_TENANT, preferred_username: email, email, ver: "2.0" };
  }
  return {
    ...base,
    email,
    email_verified: !flags.has("unverified"),
    ...(kind === "google" && !flags.has("personal") ? { hd: domain } : {}),
  };
}

const provider = new Provider(issuer, {
  clients: [],
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: true },
  },
  pkce: { required: () => true },
  // Google's hd and Entra's tid come with the openid scope, as their tokens carry them.
  claims: {
    openid: ["sub", "tid", "hd", "ver"],
    email: ["email", "email_verified", "preferred_username"],
    profile: ["name"],
  },
  // Put the scopes' claims in the id token, as Google and Entra do; Relay reads the id token.
  conformIdTokenClaims: false,
  scopes: ["openid", "email", "profile", "offline_access"],
  extraTokenClaims: () => undefined,
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      // The subject is the login as typed (the dev form's account id), so "mfa+ann@…" and
      // "ann@…" are two identities with the same email, as two IdP accounts would be.
      claims: async () => ({ ...claimsFor(id), sub: id }),
    };
  },
  async loadExistingGrant(ctx) {
    // Consent is implied for every client: the test admin registered it.
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    grant.addOIDCClaims(["email", "email_verified", "name", "preferred_username", "tid", "hd", "ver"]);
    await grant.save();
    return grant;
  },
  cookies: { keys: ["relay-e2e-local-idp-cookie-key"] },
  ttl: { Session: 300, Interaction: 300, Grant: 300, AccessToken: 300, AuthorizationCode: 60, IdToken: 300 },
});

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (prefix) {
    if (!req.url.startsWith(prefix)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    req.originalUrl = req.url;
    req.url = req.url.slice(prefix.length) || "/";
  }
  callback(req, res);
});
server.listen(port, "127.0.0.1", () => {
  console.log(`local-idp ${kind} listening ${issuer}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
