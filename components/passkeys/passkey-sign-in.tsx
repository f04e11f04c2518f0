"use client";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { buttonStyles } from "@/components/ui/button-styles";
import { ceremonyErrorKey, postJson, type PasskeyError } from "./passkey-client";
import { KeyIcon } from "./key-icon";

/**
 * "Sign in with a passkey" on the login page, and passkey autofill: on load, a conditional
 * request waits for the member to pick a passkey from the username field's suggestions
 * (autocomplete="username webauthn"). The button starts a modal request instead, which aborts the
 * waiting one. Browsers without WebAuthn get a line saying so instead of the button. Without
 * JavaScript none of this renders and the password form works as before.
 */
export function PasskeySignIn({ slug, workspaceName, next }: { slug: string; workspaceName: string; next?: string }) {
  const t = useTranslations("passkeys");
  const [support, setSupport] = useState<"checking" | "yes" | "no">("checking");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<PasskeyError | null>(null);
  const errorKey = `errors.${error?.key}`;
  const errorRef = useRef<HTMLParagraphElement>(null);
  const base = `/api/${encodeURIComponent(slug)}/passkeys/sign-in`;

  // One assertion at a time is sent to be verified. The autofill request can resolve just as the
  // button is pressed; a second verification would only be refused (its counter is overtaken),
  // and once one has succeeded the page is on its way into the workspace.
  const verifying = useRef(false);

  const finish = useCallback(
    async (response: AuthenticationResponseJSON) => {
      if (verifying.current) return false;
      verifying.current = true;
      setPending(true);
      const answer = await postJson<{ redirectTo: string }>(`${base}/verify`, { response, next });
      if (answer.ok) {
        // A full navigation: every server component renders again with the new session cookie.
        window.location.assign(answer.data.redirectTo);
        return true;
      }
      verifying.current = false;
      setPending(false);
      setError(answer.error);
      return false;
    },
    [base, next],
  );

  useEffect(() => {
    if (!browserSupportsWebAuthn()) {
      // Reading a browser capability is a legitimate effect-time sync from an external system.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setSupport("no");
      return;
    }
    setSupport("yes");
    let stopped = false;
    (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      if (!document.querySelector('input[autocomplete~="webauthn"]')) return;
      const options = await postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(`${base}/options`);
      if (!options.ok || stopped) return;
      try {
        const response = await startAuthentication({ optionsJSON: options.data.options, useBrowserAutofill: true });
        if (!stopped) await finish(response);
      } catch {
        // Autofill waits in the background for a person who may never use it: whatever ends it
        // (the button aborting it, the page going away, a browser that refuses passkeys on this
        // address) is nothing the person did, so it says nothing. The button reports errors.
      }
    })();
    return () => {
      stopped = true;
      WebAuthnAbortService.cancelCeremony();
    };
  }, [base, finish]);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function signIn() {
    if (verifying.current) return;
    setPending(true);
    setError(null);
    try {
      const options = await postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(`${base}/options`);
      if (!options.ok) {
        setError(options.error);
        return;
      }
      // Starting a new request aborts the autofill one (WebAuthnAbortService).
      const response = await startAuthentication({ optionsJSON: options.data.options });
      if (await finish(response)) return;
    } catch (caught) {
      const key = ceremonyErrorKey(caught);
      if (key) setError({ key });
    } finally {
      if (!verifying.current) setPending(false);
    }
  }

  if (support === "checking") return null;
  return (
    <div className="space-y-3" data-testid="passkey-sign-in">
      {support === "no" ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="passkey-unsupported">
          {t("unsupported")}
        </p>
      ) : (
        <>
          <button type="button" className={`${buttonStyles.secondary} w-full`} onClick={signIn} disabled={pending} aria-describedby="passkey-sign-in-hint">
            <KeyIcon />
            {pending ? t("signingIn") : t("signInButton")}
          </button>
          <p id="passkey-sign-in-hint" className="text-xs text-slate-600 dark:text-slate-400">
            {t("signInHint")}
          </p>
        </>
      )}
      <div role="alert" aria-live="assertive">
        {error ? (
          <p
            ref={errorRef}
            tabIndex={-1}
            className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 outline-none dark:border-red-900 dark:bg-red-950 dark:text-red-100"
          >
            {isMessageKey(t, errorKey) ? t(errorKey, { workspace: workspaceName, ...error.values }) : t("errors.generic")}
            {error.key === "passwordResetRequired" ? (
              <>
                {" "}
                <Link href={`/${slug}/forgot-password`} className="font-semibold underline">
                  {t("errors.resetPasswordLink")}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
