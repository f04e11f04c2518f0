"use client";
import { useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { browserSupportsWebAuthn, startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { buttonStyles } from "@/components/ui/button-styles";

const noSubscribe = () => () => {};

/**
 * A passkey as the second factor at sign-in: options from the workspace's passkey routes
 * (app/api/[tenant]/passkeys/second-factor), the browser's WebAuthn prompt, then the answer's
 * redirect (the session was rotated on the server).
 */
export function PasskeyFactor({ slug, next, allowRemember }: { slug: string; next: string; allowRemember: boolean; purpose: "sign-in" }) {
  const t = useTranslations("signInVerify");
  const supported = useSyncExternalStore(noSubscribe, () => browserSupportsWebAuthn(), () => true);
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const base = `/api/${encodeURIComponent(slug)}/passkeys/second-factor`;
      const optionsResponse = await fetch(`${base}/options`, { method: "POST" });
      if (!optionsResponse.ok) throw new Error("options");
      const { options } = (await optionsResponse.json()) as { options: PublicKeyCredentialRequestOptionsJSON };
      const response = await startAuthentication({ optionsJSON: options });
      const verify = await fetch(`${base}/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response, rememberDevice: remember, ...(next ? { next } : {}) }),
      });
      if (!verify.ok) throw new Error("verify");
      const { redirectTo } = (await verify.json()) as { redirectTo: string };
      window.location.assign(redirectTo);
    } catch (caught) {
      setError(caught instanceof Error && caught.name === "NotAllowedError" ? t("passkeyCancelled") : t("passkeyFailed"));
      setBusy(false);
    }
  }

  if (!supported) return <p className="text-sm text-slate-700 dark:text-slate-300">{t("passkeyUnsupported")}</p>;
  return (
    <div className="space-y-5">
      <div role="alert" aria-live="assertive">
        {error ? (
          <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">{error}</p>
        ) : null}
      </div>
      {allowRemember ? (
        <label className="flex items-start gap-3 text-sm text-slate-800 dark:text-slate-200">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} className="mt-0.5 size-5 accent-brand-600" />
          <span>
            {t("rememberDevice")}
            <span className="block text-slate-600 dark:text-slate-400">{t("rememberDeviceHint")}</span>
          </span>
        </label>
      ) : null}
      <button type="button" onClick={run} className={`${buttonStyles.primary} w-full`} disabled={busy}>
        {busy ? t("passkeyWorking") : t("passkeyButton")}
      </button>
    </div>
  );
}
