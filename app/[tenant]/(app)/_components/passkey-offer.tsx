import { cookies, headers } from "next/headers";
import type { MemberContext } from "@/lib/auth/current-member";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { defaultPasskeyName } from "@/lib/auth/passkeys/names";
import { countOwnPasskeys } from "@/lib/dal/passkeys/own-passkeys";
import { PasskeyOfferCard } from "@/components/passkeys/passkey-offer-card";
import { PASSKEY_OFFER_COOKIE } from "@/components/passkeys/offer-cookie";

/**
 * "Sign in faster next time with your fingerprint or face" on the workspace home, for a member
 * without a passkey in a workspace that allows passkey sign-in, until they add one or say "Not now"
 * (remembered in a cookie). The card itself appears only where the browser has a built-in
 * authenticator (Touch ID, Windows Hello, Android…).
 */
export async function PasskeyOffer({ member }: { member: MemberContext }) {
  const [jar, policy, count, requestHeaders] = await Promise.all([cookies(), getMfaPolicy(member.tenant.id), countOwnPasskeys(member), headers()]);
  if (!policy.allowPasskey || count > 0 || jar.get(PASSKEY_OFFER_COOKIE)?.value === "dismissed") return null;
  return <PasskeyOfferCard slug={member.tenant.slug} workspaceName={member.tenant.name} defaultName={defaultPasskeyName(requestHeaders.get("user-agent"))} account={member.user.email} />;
}
