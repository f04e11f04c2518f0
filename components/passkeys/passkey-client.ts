// Browser-side plumbing shared by the passkey components: JSON calls to the passkey routes and
// turning whatever went wrong into a message key under "passkeys.errors".
import { WebAuthnError } from "@simplewebauthn/browser";

export type PasskeyError = { key: string; values?: Record<string, string> };
export type RouteAnswer<T> = { ok: true; data: T } | { ok: false; error: PasskeyError; reverifyPath?: string };

/** "unknown-passkey" (a server reason) → "unknownPasskey" (a message key). */
export function messageKeyOf(reason: string): string {
  return reason.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export async function postJson<T>(url: string, body: unknown = {}): Promise<RouteAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  } catch {
    return { ok: false, error: { key: "network" } };
  }
  const text = await response.text();
  if (response.status === 429 && text.startsWith("rate-limited:")) {
    return { ok: false, error: { key: "rateLimited", values: { seconds: text.slice("rate-limited:".length) || "60" } } };
  }
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, error: { key: "generic" } };
  }
  if (!response.ok || typeof data.error === "string") {
    const key = messageKeyOf(typeof data.error === "string" ? data.error : "generic");
    const values = typeof data.seconds === "number" ? { seconds: String(data.seconds) } : undefined;
    return { ok: false, error: { key, values }, reverifyPath: typeof data.reverifyPath === "string" ? data.reverifyPath : undefined };
  }
  return { ok: true, data: data as T };
}

/** What the browser's passkey prompt ended with, as a message key (null: aborted on purpose, say nothing). */
export function ceremonyErrorKey(error: unknown, registering = false): string | null {
  if (error instanceof WebAuthnError) {
    if (error.code === "ERROR_CEREMONY_ABORTED") return null;
    if (error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return "alreadyRegistered";
    if (error.code === "ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT") return "userVerification";
  }
  const name = error instanceof Error ? error.name : "";
  if (name === "AbortError") return null;
  // The page's host isn't the relying party's (APP_URL's): the browser refuses before any prompt.
  if (name === "SecurityError" || (error instanceof WebAuthnError && (error.code === "ERROR_INVALID_RP_ID" || error.code === "ERROR_INVALID_DOMAIN"))) return "wrongAddress";
  if (name === "InvalidStateError") return "alreadyRegistered";
  // Cancelled, timed out, or no passkey chosen: browsers report all of these as NotAllowedError.
  if (name === "NotAllowedError") return registering ? "registrationCancelled" : "cancelled";
  return "invalid";
}
