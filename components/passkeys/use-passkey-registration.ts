"use client";
import { useState } from "react";
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { ceremonyErrorKey, postJson, type PasskeyError } from "./passkey-client";

export type RegistrationState =
  | { status: "idle" }
  | { status: "pending" }
  | { status: "done"; name: string }
  | { status: "error"; error: PasskeyError; reverifyPath?: string };

/**
 * Adds a passkey to the signed-in member's account: options from the server, the browser's
 * prompt (fingerprint, face or PIN), the new credential back to the server to verify and store.
 */
export function usePasskeyRegistration(slug: string) {
  const [state, setState] = useState<RegistrationState>({ status: "idle" });
  const base = `/api/${encodeURIComponent(slug)}/passkeys/register`;

  async function register(name: string, returnTo?: string): Promise<boolean> {
    if (!name.trim()) {
      setState({ status: "error", error: { key: "nameRequired" } });
      return false;
    }
    setState({ status: "pending" });
    const options = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(`${base}/options${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`);
    if (!options.ok) {
      setState({ status: "error", error: options.error, reverifyPath: options.reverifyPath });
      return false;
    }
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.data.options });
    } catch (caught) {
      const key = ceremonyErrorKey(caught, true);
      setState(key ? { status: "error", error: { key } } : { status: "idle" });
      return false;
    }
    const saved = await postJson<{ passkey: { id: string; name: string } }>(`${base}/verify`, { response, name });
    if (!saved.ok) {
      setState({ status: "error", error: saved.error, reverifyPath: saved.reverifyPath });
      return false;
    }
    setState({ status: "done", name: saved.data.passkey.name });
    return true;
  }

  return { state, register };
}
