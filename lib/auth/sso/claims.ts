import type { SsoKind } from "@/lib/generated/prisma/enums";
import { isWorkplaceKind } from "./workplace-apps";

// The rules an identity provider's claims must pass before anyone is signed in (issue 14, "Rules").
// Pure functions over the validated id token / user info: Auth.js has already checked the
// signature or TLS origin, the issuer, the audience, the nonce and the state.

export type ClaimsRefusal = "no-subject" | "no-email" | "email-unverified" | "domain-not-allowed" | "hosted-domain" | "directory" | "corp";

/** email is null only for the workplace apps, which may not give one (the member is matched by their user id). */
export type CheckedIdentity = { subject: string; email: string | null; name: string | null; amr: string[]; acr: string | null };

type Connection = { kind: SsoKind; providerTenant: string | null; allowedDomains: string[] };

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);

/** The part after the last "@", lowercased; null for something that isn't an address. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

export function domainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && allowedDomains.includes(domain);
}

/**
 * The member's verified email under this connection's rules:
 * - OIDC and Google: `email_verified` must be the boolean true (a string "true" or a missing claim
 *   is not a verification);
 * - Google: the `hd` claim must equal the hosted domain. The `hd` request parameter only picks
 *   which accounts Google's chooser shows; anyone can remove it from the URL.
 * - Entra: the token's `tid` must be the configured directory. Entra sends no `email_verified`; the
 *   `email` claim is editable by users in some directories, so the address used is the
 *   user principal name (`preferred_username`), which only the directory's admins set and which
 *   must be in one of its verified domains, unless `xms_edov` (email domain owner verified) vouches
 *   for `email`.
 */
export function checkClaims(connection: Connection, claims: Record<string, unknown>): { ok: true; identity: CheckedIdentity } | { ok: false; reason: ClaimsRefusal; email: string | null } {
  if (isWorkplaceKind(connection.kind)) return checkWorkplaceClaims(connection, claims);
  const subject = str(claims.sub);
  if (!subject) return { ok: false, reason: "no-subject", email: null };
  let email: string | null;
  if (connection.kind === "ENTRA") {
    const tid = str(claims.tid)?.toLowerCase();
    if (!tid || tid !== connection.providerTenant?.toLowerCase()) return { ok: false, reason: "directory", email: null };
    email = claims.xms_edov === true ? str(claims.email) : str(claims.preferred_username);
    email = email?.toLowerCase() ?? null;
    if (!email || !emailDomain(email)) return { ok: false, reason: "no-email", email: null };
  } else {
    email = str(claims.email)?.toLowerCase() ?? null;
    if (!email || !emailDomain(email)) return { ok: false, reason: "no-email", email: null };
    if (claims.email_verified !== true) return { ok: false, reason: "email-unverified", email };
    if (connection.kind === "GOOGLE") {
      const hd = str(claims.hd)?.toLowerCase();
      if (!hd || hd !== connection.providerTenant?.toLowerCase()) return { ok: false, reason: "hosted-domain", email };
    }
  }
  if (!domainAllowed(email, connection.allowedDomains)) return { ok: false, reason: "domain-not-allowed", email };
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === "string").slice(0, 10) : [];
  return { ok: true, identity: { subject, email, name: str(claims.name), amr, acr: str(claims.acr) } };
}

/**
 * WeCom, DingTalk, Feishu (workplace-apps.ts normalised their answers into { sub, tenant, email,
 * outsider }): the member is the app's user id, and the organisation must be the connection's:
 * - WeCom: the corp whose app token redeemed the code is the connection's own; a code of someone
 *   outside the corp (an external contact) comes back without a user id and is refused;
 * - DingTalk: the corpId DingTalk reports with the token must be the connection's corp id;
 * - Feishu: the user info's tenant_key must be the connection's tenant key.
 * None of them says whether an email address was verified; an address counts only when it is in
 * the connection's allowed domains (set by the company for its staff), and otherwise is ignored:
 * such a member can sign in once linked, but isn't provisioned (no address to provision with).
 * A mobile number never identifies anyone.
 */
function checkWorkplaceClaims(connection: Connection, claims: Record<string, unknown>): { ok: true; identity: CheckedIdentity } | { ok: false; reason: ClaimsRefusal; email: string | null } {
  const given = str(claims.email)?.toLowerCase() ?? null;
  const email = given && domainAllowed(given, connection.allowedDomains) ? given : null;
  if (claims.outsider === true) return { ok: false, reason: "corp", email };
  if (connection.kind !== "WECOM") {
    const tenant = str(claims.tenant);
    if (!tenant || tenant !== connection.providerTenant) return { ok: false, reason: "corp", email };
  }
  const subject = str(claims.sub);
  if (!subject) return { ok: false, reason: "no-subject", email };
  return { ok: true, identity: { subject, email, name: str(claims.name), amr: [], acr: null } };
}

const MFA_ACR = new Set(["http://schemas.openid.net/pape/policies/2007/06/multi-factor", "urn:okta:loa:2fa:any", "phr", "phrh"]);
const SECOND_FACTOR_AMR = new Set(["mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "retina", "vbm", "sc"]);

/**
 * Whether the IdP says it used more than one factor (RFC 8176 amr values, or a multi-factor acr).
 * "pwd" alone, or no claim at all (Google sends none), is not multi-factor.
 */
export function idpReportsMultiFactor(identity: Pick<CheckedIdentity, "amr" | "acr">): boolean {
  if (identity.acr && MFA_ACR.has(identity.acr)) return true;
  return identity.amr.some((value) => SECOND_FACTOR_AMR.has(value));
}
