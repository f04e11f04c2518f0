"use client";
import { useState } from "react";
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
 */
export function TotpEnrolment({
  enrolment,
  startAction,
  confirmAction,
  cancelAction,
  doneHref,
  workspaceName,
  account,
}: {
  /** The enrolment in progress (lib/dal/mfa/own-mfa.ts getPendingTotpEnrolment), or null before "Set up". */
  enrolment: TotpEnrolmentData | null;
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
  if (!enrolment) {
    return <ButtonActionForm action={startAction} label={t("setUp")} pendingLabel={t("starting")} variant="primary" testId="totp-start" />;
  }
  return (
    <TotpSetup
      key={enrolment.secret}
      enrolment={enrolment}
      confirmAction={confirmAction}
      cancelAction={cancelAction}
      doneHref={doneHref}
      workspaceName={workspaceName}
      account={account}
    />
  );
}

function TotpSetup({
  enrolment,
  confirmAction,
  cancelAction,
  doneHref,
  workspaceName,
  account,
}: {
  enrolment: TotpEnrolmentData;
  confirmAction: BoundAction;
  cancelAction?: BoundAction;
  doneHref: string;
  workspaceName: string;
  account: string;
}) {
  const t = useTranslations("mfa.totp");
  const tRecovery = useTranslations("mfa.recovery");
  const form = useActionForm(confirmAction, mfaCodeSchema);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const codes = form.state.status === "success" ? (form.state.values.recoveryCodes ?? "").split("\n").filter(Boolean) : [];

  if (codes.length > 0) {
    return <RecoveryCodesPanel codes={codes} notice={tRecovery("enabledNotice")} account={account} workspaceName={workspaceName} doneHref={doneHref} />;
  }

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
