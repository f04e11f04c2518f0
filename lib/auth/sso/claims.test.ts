// The claim rules an identity provider's answer must pass (issue 14, "Rules"), each tried with the
// answers that would let the wrong person in.
import { describe, expect, it } from "vitest";
import { checkClaims, idpReportsMultiFactor } from "./claims";
import { issuerFor, connectionIdOf, providerIdOf } from "./connection-kinds";

const oidc = { kind: "OIDC" as const, providerTenant: null, allowedDomains: ["acme.com"] };
const google = { kind: "GOOGLE" as const, providerTenant: "acme.com", allowedDomains: ["acme.com"] };
const entra = { kind: "ENTRA" as const, providerTenant: "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", allowedDomains: ["acme.com"] };
const good = { sub: "00u1", email: "Ann@Acme.com", email_verified: true, name: "Ann" };

describe("checkClaims", () => {
  it("accepts a verified address of an allowed domain, lowercased", () => {
    expect(checkClaims(oidc, good)).toEqual({ ok: true, identity: { subject: "00u1", email: "ann@acme.com", name: "Ann", amr: [], acr: null } });
  });

  it("refuses an address the IdP hasn't verified: false, missing, or the string \"true\"", () => {
    for (const email_verified of [false, undefined, "true", 1]) {
      expect(checkClaims(oidc, { ...good, email_verified })).toMatchObject({ ok: false, reason: "email-unverified" });
    }
  });

  it("refuses other domains, including look-alikes and sub-domains not listed", () => {
    for (const email of ["ann@acme.co", "ann@evilacme.com", "ann@acme.com.evil.test", "ann@sub.acme.com", "ann@acme.com@evil.test"]) {
      expect(checkClaims(oidc, { ...good, email }), email).toMatchObject({ ok: false });
    }
  });

  it("refuses an answer without a subject or an address", () => {
    expect(checkClaims(oidc, { ...good, sub: "" })).toMatchObject({ ok: false, reason: "no-subject" });
    expect(checkClaims(oidc, { ...good, email: undefined })).toMatchObject({ ok: false, reason: "no-email" });
    expect(checkClaims(oidc, { ...good, email: "not-an-address" })).toMatchObject({ ok: false, reason: "no-email" });
  });

  it("Google: the hd claim must be the hosted domain; a consumer account of the same address has none", () => {
    expect(checkClaims(google, { ...good, hd: "acme.com" })).toMatchObject({ ok: true });
    expect(checkClaims(google, good)).toMatchObject({ ok: false, reason: "hosted-domain" });
    expect(checkClaims(google, { ...good, hd: "other.com" })).toMatchObject({ ok: false, reason: "hosted-domain" });
  });

  it("Entra: the token's directory must be the configured one, and the UPN is the address unless xms_edov vouches for email", () => {
    const claims = { sub: "x", tid: entra.providerTenant, preferred_username: "ann@acme.com", email: "boss@acme.com" };
    expect(checkClaims(entra, claims)).toMatchObject({ ok: true, identity: { email: "ann@acme.com" } });
    expect(checkClaims(entra, { ...claims, xms_edov: true })).toMatchObject({ ok: true, identity: { email: "boss@acme.com" } });
    expect(checkClaims(entra, { ...claims, tid: "99999999-9999-4999-8999-999999999999" })).toMatchObject({ ok: false, reason: "directory" });
    expect(checkClaims(entra, { ...claims, tid: undefined })).toMatchObject({ ok: false, reason: "directory" });
  });
});

describe("idpReportsMultiFactor", () => {
  it("is true only when amr or acr names a second factor", () => {
    expect(idpReportsMultiFactor({ amr: ["pwd", "mfa"], acr: null })).toBe(true);
    expect(idpReportsMultiFactor({ amr: ["pwd", "otp"], acr: null })).toBe(true);
    expect(idpReportsMultiFactor({ amr: [], acr: "http://schemas.openid.net/pape/policies/2007/06/multi-factor" })).toBe(true);
    expect(idpReportsMultiFactor({ amr: ["pwd"], acr: null })).toBe(false);
    expect(idpReportsMultiFactor({ amr: [], acr: "1" })).toBe(false);
  });
});

describe("connection kinds", () => {
  it("Entra's issuer is tenant-specific; Google's is fixed unless an authority is given", () => {
    expect(issuerFor("ENTRA", { providerTenant: "3F2A1B4C-5D6E-4F70-8A9B-0C1D2E3F4A5B" })).toBe("https://login.microsoftonline.com/3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b/v2.0");
    expect(issuerFor("GOOGLE", { providerTenant: "acme.com" })).toBe("https://accounts.google.com");
    expect(issuerFor("GOOGLE", { authority: "http://127.0.0.1:4401/" })).toBe("http://127.0.0.1:4401");
  });

  it("provider ids round-trip and nothing else parses as one", () => {
    expect(connectionIdOf(providerIdOf("cmabc123def456ghi789jkl0"))).toBe("cmabc123def456ghi789jkl0");
    for (const bad of ["google", "sso-", "sso-../x", "sso-ABC", "credentials"]) expect(connectionIdOf(bad)).toBeNull();
  });
});

describe("checkClaims for the workplace apps (WeCom, DingTalk, Feishu)", () => {
  const dingtalk = { kind: "DINGTALK" as const, providerTenant: "dingCorp01", allowedDomains: ["acme.com"] };
  const wecom = { kind: "WECOM" as const, providerTenant: "1000002", allowedDomains: ["acme.com"] };

  it("refuses an answer without the organisation, or with another one, even one differing only in case", () => {
    for (const tenant of [undefined, null, "", "dingcorp01", "dingCorp02"]) {
      expect(checkClaims(dingtalk, { sub: "u1", tenant, email: "ann@acme.com" }), String(tenant)).toMatchObject({ ok: false, reason: "corp" });
    }
    expect(checkClaims(dingtalk, { sub: "u1", tenant: "dingCorp01" })).toMatchObject({ ok: true, identity: { subject: "u1", email: null } });
  });

  it("WeCom: someone outside the corp is refused, whatever address they show", () => {
    expect(checkClaims(wecom, { sub: null, outsider: true, email: "ceo@acme.com" })).toMatchObject({ ok: false, reason: "corp" });
    expect(checkClaims(wecom, { sub: "", tenant: "wwcorp" })).toMatchObject({ ok: false, reason: "no-subject" });
  });

  it("never takes an address outside the allowed domains, nor a look-alike", () => {
    for (const email of ["ann@acme.co", "ann@evilacme.com", "ann@acme.com.evil.test"]) {
      expect(checkClaims(dingtalk, { sub: "u1", tenant: "dingCorp01", email }), email).toMatchObject({ ok: true, identity: { email: null } });
    }
  });
});
