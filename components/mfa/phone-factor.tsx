"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { TextField } from "@/components/forms/fields";
import { buttonStyles } from "@/components/ui/button-styles";
import { mfaCodeSchema, phoneNumberSchema } from "@/lib/validation/mfa";
import { ButtonActionForm } from "./button-action-form";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { useConfirmedFactor } from "./use-confirmed-factor";
import type { BoundAction } from "./types";
import { PhoneCountrySelect } from "@/components/forms/phone-country-select";
import type { PhoneCountryOption } from "@/lib/phone-country-options";

export type PhoneFactorActions = {
  send: BoundAction;
  resend: BoundAction;
  confirm: BoundAction;
  cancel: BoundAction;
  /** Absent on the forced enrolment, where a verified phone ends the page. */
  remove?: BoundAction;
};

type PhoneFactorProps = {
  verified: { display: string; verifiedOn: string } | null;
  /** A code was texted and can still be entered: to which number, when, and seconds left before a resend. */
  pending: { display: string; sentAt: string; resendInSeconds: number } | null;
  /** The country picker beside the number: every country, and the workspace's default to start on. */
  phoneCountries: { options: PhoneCountryOption[]; defaultCountry: string };
  actions: PhoneFactorActions;
  /** False when the workspace no longer allows SMS: the number can only be removed. */
  allowChange?: boolean;
  /** Where "I've saved them" goes, and what the codes file names, when a first phone brings recovery codes. */
  recoveryCodesFor: { account: string; workspaceName: string; doneHref: string };
  /** Where to go once the phone is verified without new recovery codes (the forced enrolment, which then lets the member in). */
  enrolledHref?: string;
};

/**
 * A phone for SMS codes: type the number, get a code, type it back. Once verified: the number,
 * change it (the old one keeps working until the new one is verified) or remove it.
 *
 * Each texted code gets a fresh form (keyed by when it was sent), but that key outlives the code:
 * verifying a number gives the session a new cookie (lib/auth/privilege-change.ts), and a cookie
 * set by a server action makes Next render the page again in the same answer, where nothing is
 * pending any more. The confirmation's answer, and a first phone's recovery codes with it, must
 * stay on screen through that render until "I've saved them".
 */
export function PhoneFactor(props: PhoneFactorProps) {
  const [codeKey, setCodeKey] = useState(props.pending?.sentAt ?? "");
  // A new code was sent: derived state, updated during render as React recommends.
  if (props.pending && props.pending.sentAt !== codeKey) setCodeKey(props.pending.sentAt);
  // Which verified number "Change number" was pressed for: once another number is verified, the
  // status shows again by itself. Kept out here so "Use a different number" still finds it.
  const [changingFrom, setChangingFrom] = useState<string | null>(null);
  return <PhoneFactorSteps key={codeKey} {...props} changingFrom={changingFrom} setChangingFrom={setChangingFrom} />;
}

function PhoneFactorSteps({
  verified,
  pending,
  phoneCountries,
  actions,
  allowChange = true,
  recoveryCodesFor,
  enrolledHref,
  changingFrom,
  setChangingFrom,
}: PhoneFactorProps & { changingFrom: string | null; setChangingFrom: (display: string | null) => void }) {
  const t = useTranslations("mfa.phone");
  const tRecovery = useTranslations("mfa.recovery");
  const confirm = useActionForm(actions.confirm, mfaCodeSchema);
  const changing = verified !== null && changingFrom === verified.display;
  const confirmed = useConfirmedFactor(confirm.state, enrolledHref);
  if (confirmed.codesToShow) {
    return (
      <RecoveryCodesPanel
        codes={confirmed.codesToShow}
        notice={tRecovery("firstFactorNotice")}
        {...recoveryCodesFor}
        onDone={confirmed.markSaved}
      />
    );
  }

  if (pending) return <PhoneCodeForm pending={pending} actions={actions} form={confirm} />;

  if (verified && !changing) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="phone-status">
          <span className="mr-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">{t("verifiedOn", { date: verified.verifiedOn })}</span>
          <span className="font-medium">{verified.display}</span>
        </p>
        <div className="flex flex-wrap items-start gap-3">
          {allowChange ? (
            <button type="button" className={buttonStyles.secondary} onClick={() => setChangingFrom(verified.display)}>
              {t("change")}
            </button>
          ) : null}
          {actions.remove ? (
            <ButtonActionForm action={actions.remove} label={t("remove")} pendingLabel={t("removing")} variant="danger" hint={t("removeHint")} testId="phone-remove" />
          ) : null}
        </div>
      </div>
    );
  }

  return <PhoneNumberForm actions={actions} phoneCountries={phoneCountries} onCancel={verified ? () => setChangingFrom(null) : undefined} />;
}

function PhoneNumberForm({
  actions,
  phoneCountries,
  onCancel,
}: {
  actions: PhoneFactorActions;
  phoneCountries: PhoneFactorProps["phoneCountries"];
  onCancel?: () => void;
}) {
  const t = useTranslations("mfa.phone");
  const form = useActionForm(actions.send, phoneNumberSchema);
  return (
    <form {...form.formProps} className="space-y-4" data-testid="phone-number-form">
      <FormStatus state={form.state} errorCount={form.state.status === "error" ? form.errorCount : 0} />
      {onCancel ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("changeHint")}</p> : null}
      <div className="max-w-sm space-y-4">
        <PhoneCountrySelect
          label={t("countryLabel")}
          name="country"
          options={phoneCountries.options}
          defaultValue={form.value("country") ?? phoneCountries.defaultCountry}
          error={form.error("country")}
        />
        <TextField
          label={t("numberLabel")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={40}
          required
          hint={t("numberHint")}
          defaultValue={form.value("phone")}
          error={form.error("phone")}
          errorValues={form.errorValues}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
          {form.pending ? t("sending") : t("send")}
        </button>
        {onCancel ? (
          <button type="button" className={buttonStyles.ghost} onClick={onCancel}>
            {t("keepCurrent")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function PhoneCodeForm({
  pending,
  actions,
  form,
}: {
  pending: { display: string; resendInSeconds: number };
  actions: PhoneFactorActions;
  /** The confirmation, held by PhoneFactorSteps so its answer outlives this form. */
  form: ReturnType<typeof useActionForm>;
}) {
  const t = useTranslations("mfa.phone");
  const resend = useActionForm(actions.resend);
  const [wait, setWait] = useState(pending.resendInSeconds);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  return (
    <div className="space-y-4">
      <form {...form.formProps} className="space-y-4" data-testid="phone-code-form">
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("codeSentTo", { phone: pending.display })}</p>
        <FormStatus state={form.state} errorCount={form.state.status === "error" ? form.errorCount : 0} />
        <div className="max-w-xs">
          <TextField
            label={t("codeLabel")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={20}
            required
            autoFocus
            defaultValue={form.value("code")}
            error={form.error("code")}
            errorValues={form.errorValues}
          />
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
          {form.pending ? t("verifying") : t("verify")}
        </button>
      </form>
      <div className="flex flex-wrap items-start gap-3">
        <form {...resend.formProps} className="space-y-2">
          <FormStatus state={resend.state} errorCount={0} />
          <button type="submit" className={buttonStyles.secondary} disabled={resend.pending || wait > 0} data-testid="phone-resend">
            {wait > 0 ? t("resendIn", { seconds: wait }) : t("resend")}
          </button>
        </form>
        <ButtonActionForm action={actions.cancel} label={t("differentNumber")} variant="ghost" />
      </div>
    </div>
  );
}
