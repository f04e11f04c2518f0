"use client";
import { useState } from "react";
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { ceremonyErrorKey, postJson, type PasskeyError } from "./passkey-client";

export type RegistrationState =
  | { status: "idle" }
  | { status: "pending" }
  | { status: "done"; name: string; recoveryCodes: string[] | null }
  | { status: "error"; error: PasskeyError; reverifyPath?: string };

/**
 * Adds a passkey to the signed-in member's account: options from the server, the browser's
 * prompt (fingerprint, face or PIN), the new credential back to the server to verify and store.
 */
export function usePasskeyRegistration(slug: string) {
  const [state, setState] = useState<RegistrationState>({ status: "idle" });
  const base = `/api/${encodeURIComponent(slug)}/passkeys/register`;

  /** The recovery codes that came with the passkey (a first second factor), [] without; null when nothing was added. */
  async function register(name: string, returnTo?: string): Promise<string[] | null> {
    if (!name.trim()) {
      setState({ status: "error", error: { key: "nameRequired" } });
      return null;
    }
    setState({ status: "pending" });
    const options = await postJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(`${base}/options${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`);
    if (!options.ok) {
      setState({ status: "error", error: options.error, reverifyPath: options.reverifyPath });
      return null;
    }
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.data.options });
    } catch (caught) {
      const key = ceremonyErrorKey(caught, true);
      setState(key ? { status: "error", error: { key } } : { status: "idle" });
      return null;
    }
    const saved = await postJson<{ passkey: { id: string; name: string }; recoveryCodes: string[] | null }>(`${base}/verify`, { response, name });
    if (!saved.ok) {
      setState({ status: "error", error: saved.error, reverifyPath: saved.reverifyPath });
      return null;
    }
    setState({ status: "done", name: saved.data.passkey.name, recoveryCodes: saved.data.recoveryCodes ?? null });
    return saved.data.recoveryCodes ?? [];
  }

  return { state, register };
}
