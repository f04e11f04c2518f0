"use client";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";
import { usePasskeyRegistration } from "./use-passkey-registration";
import { RegistrationMessage } from "./registration-message";
import { KeyIcon } from "./key-icon";
import { RecoveryCodesPanel } from "@/components/mfa/recovery-codes-panel";

/**
 * Name (prefilled from this browser and device, editable) and "Add a passkey". Needs JavaScript and
 * WebAuthn. A first second factor comes with recovery codes: they are shown here once (a refresh
 * keeps this component's state, so the list above can update meanwhile). On the forced enrolment
 * the refresh waits for "I've saved them": there it lets the member in and leaves the page.
 */
export function AddPasskeyForm({
  slug,
  defaultName,
  returnTo = `/${slug}/security`,
  account,
  workspaceName,
  refreshBeforeCodesSaved = true,
}: {
  slug: string;
  defaultName: string;
  /** The page this form is on: where a reverification comes back to and "I've saved them" goes. */
  returnTo?: string;
  account: string;
  workspaceName: string;
  refreshBeforeCodesSaved?: boolean;
}) {
  const t = useTranslations("passkeys");
  const tRecovery = useTranslations("mfa.recovery");
  const router = useRouter();
  const id = useId();
  const [supported, setSupported] = useState<boolean | null>(null);
  const [name, setName] = useState(defaultName);
  const { state, register } = usePasskeyRegistration(slug);
  // The codes the member said they saved: the panel closes (the state itself stays "done").
  const [savedCodes, setSavedCodes] = useState<string[] | null>(null);

  useEffect(() => {
    // Reading a browser capability is a legitimate effect-time sync from an external system.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSupported(browserSupportsWebAuthn());
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const recoveryCodes = await register(name, returnTo);
    if (recoveryCodes && (recoveryCodes.length === 0 || refreshBeforeCodesSaved)) {
      setName(defaultName);
      router.refresh();
    }
  }

  if (state.status === "done" && state.recoveryCodes?.length && state.recoveryCodes !== savedCodes) {
    const codes = state.recoveryCodes;
    return (
      <RecoveryCodesPanel
        codes={codes}
        notice={`${t("added", { name: state.name })} ${tRecovery("firstFactorNotice")}`}
        account={account}
        workspaceName={workspaceName}
        doneHref={returnTo}
        onDone={() => setSavedCodes(codes)}
      />
    );
  }

  if (supported === false) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("unsupported")}</p>;
  const nameError = state.status === "error" && (state.error.key === "nameRequired" || state.error.key === "nameTooLong");
  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="add-passkey-form">
      <RegistrationMessage state={state} />
      <div>
        <label htmlFor={`${id}-name`} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t("nameLabel")}
        </label>
        <input
          id={`${id}-name`}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={60}
          required
          aria-invalid={nameError || undefined}
          aria-describedby={`${id}-hint`}
          className={inputClass}
        />
        <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
          {t("nameHint")}
        </p>
      </div>
      <button type="submit" className={buttonStyles.primary} disabled={supported === null || state.status === "pending"}>
        <KeyIcon />
        {state.status === "pending" ? t("adding") : t("add")}
      </button>
    </form>
  );
}
