"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { ButtonActionForm } from "./button-action-form";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import type { BoundAction } from "./types";

/** The authenticator app once it is on: since when, last use, recovery codes left; new codes; turn off. */
export function TotpStatus({
  onSince,
  lastUsed,
  recoveryCodesLeft,
  regenerateAction,
  disableAction,
  doneHref,
  workspaceName,
  account,
}: {
  onSince: string;
  lastUsed: string | null;
  recoveryCodesLeft: number;
  regenerateAction: BoundAction;
  disableAction: BoundAction;
  doneHref: string;
  workspaceName: string;
  account: string;
}) {
  const t = useTranslations("mfa");
  const regenerate = useActionForm(regenerateAction);
  const [dismissedCodes, setDismissedCodes] = useState<string | null>(null);
  const newCodes = regenerate.state.status === "success" ? (regenerate.state.values.recoveryCodes ?? "") : "";

  if (newCodes && newCodes !== dismissedCodes) {
    return (
      <RecoveryCodesPanel
        codes={newCodes.split("\n").filter(Boolean)}
        notice={t("recovery.regeneratedNotice")}
        account={account}
        workspaceName={workspaceName}
        doneHref={doneHref}
        onDone={() => setDismissedCodes(newCodes)}
      />
    );
  }

  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="totp-status">
        <span aria-hidden="true" className="mr-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">{t("on")}</span>
        {t("totp.onSince", { date: onSince })} · {lastUsed ? t("totp.lastUsed", { date: lastUsed }) : t("totp.neverUsed")}
      </p>
      <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <h4 className="font-semibold">{t("recovery.title")}</h4>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("recovery.description")}</p>
        <p className="mt-2 text-sm font-medium" data-testid="recovery-codes-left">
          {t("recovery.left", { count: recoveryCodesLeft })}
        </p>
        {recoveryCodesLeft <= 2 ? <p className="mt-1 text-sm font-medium text-amber-800 dark:text-amber-300">{t("recovery.low")}</p> : null}
        <form {...regenerate.formProps} className="mt-3 space-y-2">
          <FormStatus state={regenerate.state} errorCount={0} />
          <button type="submit" className={buttonStyles.secondary} disabled={regenerate.pending}>
            {regenerate.pending ? t("recovery.regenerating") : t("recovery.regenerate")}
          </button>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("recovery.regenerateHint")}</p>
        </form>
      </div>
      <ButtonActionForm action={disableAction} label={t("totp.turnOff")} pendingLabel={t("totp.turningOff")} variant="danger" hint={t("totp.turnOffHint")} testId="totp-disable" />
    </div>
  );
}
