"use client";
import { useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { ConfirmDialog, type ConfirmText } from "@/components/ui/confirm-dialog";
import type { FormState } from "@/lib/forms/form-state";

type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A one-button form acting on one row (resend, revoke, deactivate…), with its outcome announced.
 * With `confirm`, submitting first asks in a dialog that says what will happen; only its confirming
 * button sends the form.
 */
export function RowActionForm({
  action,
  hidden,
  children,
  confirm,
  confirmDestructive = true,
  confirmMessage,
  className = "",
}: {
  action: BoundAction;
  hidden: Record<string, string>;
  children: ReactNode;
  confirm?: Omit<ConfirmText, "cancelLabel">;
  /** False for a confirmation whose action takes nothing away (unlock). */
  confirmDestructive?: boolean;
  /** The browser's own confirm(): still used by the record pages' delete buttons. Prefer `confirm`. */
  confirmMessage?: string;
  className?: string;
}) {
  const t = useTranslations("members");
  const tCommon = useTranslations("common");
  const form = useActionForm(action);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  const message = form.state.message;
  return (
    <form
      {...form.formProps}
      onSubmit={(event) => {
        if (confirm && !confirmed.current) {
          event.preventDefault();
          dialogRef.current?.showModal();
          return;
        }
        if (confirmMessage && !window.confirm(confirmMessage)) {
          event.preventDefault();
          return;
        }
        confirmed.current = false;
        form.formProps.onSubmit(event);
      }}
      className={className}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset disabled={form.pending} className="contents">
        {children}
      </fieldset>
      {confirm ? (
        <ConfirmDialog
          ref={dialogRef}
          {...confirm}
          destructive={confirmDestructive}
          cancelLabel={tCommon("cancel")}
          onConfirm={() => {
            confirmed.current = true;
            dialogRef.current?.close();
            form.formRef.current?.requestSubmit();
          }}
        />
      ) : null}
      <FormStatus
        state={form.state}
        errorCount={0}
        successMessage={message && isMessageKey(t, message) ? t(message, { email: form.state.values.invitedEmail ?? "" }) : undefined}
      />
    </form>
  );
}
