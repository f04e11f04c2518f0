import type { SsoKind } from "@/lib/generated/prisma/enums";

// What each kind of connection means for the issuer and the claims. The admin types an issuer for
// a generic OpenID Connect provider; for Google and Entra the issuer follows from the kind (an
// authority override exists for on-premises proxies and for the tests' local mock servers).

export const SSO_KINDS = ["OIDC", "GOOGLE", "ENTRA", "WECOM", "DINGTALK", "FEISHU"] as const satisfies readonly SsoKind[];

/** The workplace apps' ids as their consoles show them (corp id, agent id, app id, tenant key). */
export const WORKPLACE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const GOOGLE_ISSUER = "https://accounts.google.com";
export const ENTRA_AUTHORITY = "https://login.microsoftonline.com";

/** An Entra directory (tenant) id: a GUID. "common", "organizations" and "consumers" are refused. */
export const ENTRA_DIRECTORY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A DNS domain as a member's email ends: lowercase labels, at least one dot. */
export const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * The issuer the connection validates id tokens against. Entra's is tenant-specific
 * (https://login.microsoftonline.com/<tid>/v2.0): the /common endpoint's metadata names a
 * placeholder issuer that no token carries, and would accept any directory's accounts.
 */
export function issuerFor(kind: SsoKind, input: { issuer?: string | null; providerTenant?: string | null; authority?: string | null }): string {
  const authority = input.authority?.trim().replace(/\/+$/, "");
  if (kind === "GOOGLE") return authority || GOOGLE_ISSUER;
  if (kind === "ENTRA") return `${authority || ENTRA_AUTHORITY}/${(input.providerTenant ?? "").trim().toLowerCase()}/v2.0`;
  // WeCom, DingTalk, Feishu: "" is the apps' real endpoints (lib/auth/sso/workplace-apps.ts).
  if (kind === "WECOM" || kind === "DINGTALK" || kind === "FEISHU") return authority ?? "";
  return (input.issuer ?? "").trim();
}

/** The authority an admin overrode for Google or Entra, read back from the stored issuer ("" = the default). */
export function authorityOf(kind: SsoKind, issuer: string, providerTenant: string | null): string {
  if (kind === "GOOGLE") return issuer === GOOGLE_ISSUER ? "" : issuer;
  if (kind === "ENTRA") {
    const suffix = `/${providerTenant ?? ""}/v2.0`;
    const authority = issuer.endsWith(suffix) ? issuer.slice(0, -suffix.length) : issuer;
    return authority === ENTRA_AUTHORITY ? "" : authority;
  }
  if (kind === "WECOM" || kind === "DINGTALK" || kind === "FEISHU") return issuer;
  return "";
}

/** The Auth.js provider id of a connection; it names the callback path /api/auth/callback/<id>. */
export function providerIdOf(connectionId: string): string {
  return `sso-${connectionId}`;
}

export function connectionIdOf(providerId: string): string | null {
  const match = /^sso-([a-z0-9]{20,40})$/.exec(providerId);
  return match ? match[1]! : null;
}
