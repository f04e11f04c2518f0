// Set by "Not now" on the passkey offer (browser side), read by the home page (server side).
export const PASSKEY_OFFER_COOKIE = "relay_passkey_offer";
