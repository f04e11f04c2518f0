"use client";
import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { TextField } from "@/components/forms/fields";
import { buttonStyles } from "@/components/ui/button-styles";
import { mfaCodeSchema } from "@/lib/validation/mfa";
import { ButtonActionForm } from "./button-action-form";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import type { BoundAction } from "./types";

export type TotpEnrolmentData = {
  /** Base32 key, for copying. */
  secret: string;
  /** The same key in groups of four, for reading. */
  groupedSecret: string;
  qrDataUrl: string;
  account: string;
};

/**
 * Setting up an authenticator app: "Set up" → QR code and key → one code to confirm → the ten
 * recovery codes, shown once. Used on the security page and on the forced-enrolment page; the
 * actions come in bound to the workspace (app/[tenant]/(app)/security/mfa-actions.ts).
 *
 * The confirmation's answer is kept here, above the step being shown: switching the app on gives
 * the session a new cookie (lib/auth/privilege-change.ts), and a cookie set by a server action
 * makes Next render the page again in the same response, where the app is now on (`enabled`) and
 * the setup step is gone. Held here, the recovery codes stay on screen until "I've saved them".
 */
export function TotpEnrolment({
  enrolment,
  enabled = null,
  startAction,
  confirmAction,
  cancelAction,
  doneHref,
  workspaceName,
  account,
}: {
  /** The enrolment in progress (lib/dal/mfa/own-mfa.ts getPendingTotpEnrolment), or null before "Set up". */
  enrolment: TotpEnrolmentData | null;
  /** What to show once the app is on (the security page's status), when it is. */
  enabled?: ReactNode;
  startAction: BoundAction;
  confirmAction: BoundAction;
  /** Omit where cancelling makes no sense (forced enrolment). */
  cancelAction?: BoundAction;
  /** Where "I've saved them" leads. */
  doneHref: string;
  workspaceName: string;
  account: string;
}) {
  const t = useTranslations("mfa.totp");
  const tRecovery = useTranslations("mfa.recovery");
  const confirm = useActionForm(confirmAction, mfaCodeSchema);
  const [savedCodes, setSavedCodes] = useState<string | null>(null);
  const newCodes = confirm.state.status === "success" ? (confirm.state.values.recoveryCodes ?? "") : "";

  if (newCodes && newCodes !== savedCodes) {
    return (
      <RecoveryCodesPanel
        codes={newCodes.split("\n").filter(Boolean)}
        notice={tRecovery("enabledNotice")}
        account={account}
        workspaceName={workspaceName}
        doneHref={doneHref}
        onDone={() => setSavedCodes(newCodes)}
      />
    );
  }
  if (enabled) return enabled;
  if (!enrolment) {
    return <ButtonActionForm action={startAction} label={t("setUp")} pendingLabel={t("starting")} variant="primary" testId="totp-start" />;
  }
  return (
    <TotpSetup
      key={enrolment.secret}
      enrolment={enrolment}
      form={confirm}
      cancelAction={cancelAction}
    />
  );
}

function TotpSetup({
  enrolment,
  form,
  cancelAction,
}: {
  enrolment: TotpEnrolmentData;
  form: ReturnType<typeof useActionForm>;
  cancelAction?: BoundAction;
}) {
  const t = useTranslations("mfa.totp");
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(enrolment.secret);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <section aria-labelledby="totp-setup-title" className="space-y-5" data-testid="totp-setup">
      <h3 id="totp-setup-title" className="text-base font-semibold">
        {t("setupTitle")}
      </h3>
      <ol className="space-y-5">
        <li className="space-y-3">
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("scanStep")}</p>
          {/* White quiet zone around the code so phones read it in dark mode too. */}
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server; nothing to optimise */}
          <img
            src={enrolment.qrDataUrl}
            alt={t("qrAlt", { account: enrolment.account })}
            width={232}
            height={232}
            className="rounded-lg border border-slate-200 bg-white p-1 dark:border-slate-700"
          />
          <p className="text-sm text-slate-700 dark:text-slate-300">{t("keyStep")}</p>
          <dl className="grid gap-1 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
            <dt className="font-medium">{t("accountLabel")}</dt>
            <dd className="break-all">{enrolment.account}</dd>
            <dt className="font-medium">{t("keyLabel")}</dt>
            <dd>
              <code className="select-all break-all rounded bg-slate-100 px-2 py-1 font-mono text-base tracking-wider dark:bg-slate-800" data-testid="totp-key">
                {enrolment.groupedSecret}
              </code>
            </dd>
          </dl>
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small}`} onClick={copyKey}>
              {copy === "copied" ? t("copied") : t("copyKey")}
            </button>
            <span aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
              {copy === "failed" ? t("copyFailed") : ""}
            </span>
          </div>
        </li>
        <li>
          <form {...form.formProps} className="space-y-4" data-testid="totp-confirm">
            <p className="text-sm text-slate-700 dark:text-slate-300">{t("confirmStep")}</p>
            <FormStatus state={form.state} errorCount={form.state.status === "error" ? form.errorCount : 0} />
            <div className="max-w-xs">
              <TextField
                label={t("codeLabel")}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={20}
                required
                hint={t("codeHint")}
                defaultValue={form.value("code")}
                error={form.error("code")}
                errorValues={form.errorValues}
              />
            </div>
            <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
              {form.pending ? t("confirming") : t("confirm")}
            </button>
          </form>
        </li>
      </ol>
      {cancelAction ? <ButtonActionForm action={cancelAction} label={t("cancel")} variant="ghost" /> : null}
    </section>
  );
}
