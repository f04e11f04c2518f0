"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import type { BoundAction } from "./types";

/** "Get new recovery codes" on its own (the checklist's action), showing the new codes once. */
export function RecoveryCodesButton({ action, label, account, workspaceName, doneHref }: { action: BoundAction; label: string; account: string; workspaceName: string; doneHref: string }) {
  const t = useTranslations("mfa.recovery");
  const form = useActionForm(action);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const codes = form.state.status === "success" ? (form.state.values.recoveryCodes ?? "") : "";
  if (codes && codes !== dismissed) {
    return (
      <RecoveryCodesPanel
        codes={codes.split("\n").filter(Boolean)}
        notice={t("regeneratedNotice")}
        account={account}
        workspaceName={workspaceName}
        doneHref={doneHref}
        onDone={() => setDismissed(codes)}
      />
    );
  }
  return (
    <form {...form.formProps} className="space-y-2">
      <FormStatus state={form.state} errorCount={0} />
      <button type="submit" className={`${buttonStyles.secondary} ${buttonStyles.small}`} disabled={form.pending}>
        {form.pending ? t("regenerating") : label}
      </button>
    </form>
  );
}
