"use client";
import type { ReactNode } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles, type ButtonVariant } from "@/components/ui/button-styles";
import type { BoundAction } from "./types";

/** A form that is only a button (turn off, remove, cancel), with its outcome announced beside it. */
export function ButtonActionForm({
  action,
  label,
  pendingLabel,
  variant = "secondary",
  hint,
  testId,
}: {
  action: BoundAction;
  label: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  hint?: ReactNode;
  testId?: string;
}) {
  const form = useActionForm(action);
  return (
    <form {...form.formProps} className="space-y-2" data-testid={testId}>
      <button type="submit" className={buttonStyles[variant]} disabled={form.pending}>
        {form.pending && pendingLabel ? pendingLabel : label}
      </button>
      {hint ? <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p> : null}
      <FormStatus state={form.state} errorCount={0} />
    </form>
  );
}
