"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { browserSupportsWebAuthn, platformAuthenticatorIsAvailable } from "@simplewebauthn/browser";
import { buttonStyles } from "@/components/ui/button-styles";
import { usePasskeyRegistration } from "./use-passkey-registration";
import { RegistrationMessage } from "./registration-message";
import { KeyIcon } from "./key-icon";
import { RecoveryCodesPanel } from "@/components/mfa/recovery-codes-panel";

import { PASSKEY_OFFER_COOKIE } from "./offer-cookie";

/** The offer card: registers a passkey in place, or is dismissed for a year. */
export function PasskeyOfferCard({ slug, workspaceName, defaultName, account }: { slug: string; workspaceName: string; defaultName: string; account: string }) {
  const t = useTranslations("passkeys");
  const tRecovery = useTranslations("mfa.recovery");
  const [available, setAvailable] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const { state, register } = usePasskeyRegistration(slug);

  useEffect(() => {
    let stopped = false;
    if (browserSupportsWebAuthn()) {
      void platformAuthenticatorIsAvailable().then((yes) => {
        if (!stopped) setAvailable(yes);
      });
    }
    return () => {
      stopped = true;
    };
  }, []);

  function dismiss() {
    document.cookie = `${PASSKEY_OFFER_COOKIE}=dismissed; max-age=${365 * 24 * 3600}; path=/; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;
    setDismissed(true);
  }

  if (!available || dismissed) return null;
  const done = state.status === "done";
  return (
    <section
      aria-labelledby="passkey-offer-title"
      className="mb-6 rounded-2xl border border-brand-100 bg-brand-50 p-5 shadow-sm dark:border-slate-700 dark:bg-slate-900"
      data-testid="passkey-offer"
    >
      <div className="flex items-start gap-3">
        <span className="mt-0.5 text-brand-700 dark:text-brand-300">
          <KeyIcon />
        </span>
        <div className="min-w-0 flex-1 space-y-3">
          <h2 id="passkey-offer-title" className="font-semibold text-slate-900 dark:text-white">
            {t("offerTitle")}
          </h2>
          {!done ? <p className="text-sm text-slate-700 dark:text-slate-300">{t("offerBody", { workspace: workspaceName })}</p> : null}
          <RegistrationMessage state={state} successKey="offerDone" />
          {done && state.recoveryCodes?.length ? (
            <RecoveryCodesPanel codes={state.recoveryCodes} notice={tRecovery("firstFactorNotice")} account={account} workspaceName={workspaceName} doneHref={`/${slug}`} />
          ) : null}
          {!done ? (
            <div className="flex flex-wrap gap-2">
              <button type="button" className={buttonStyles.primary} onClick={() => void register(defaultName, `/${slug}`)} disabled={state.status === "pending"}>
                {state.status === "pending" ? t("adding") : t("offerAdd")}
              </button>
              <button type="button" className={buttonStyles.ghost} onClick={dismiss}>
                {t("offerDismiss")}
              </button>
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}
