"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import type { FormState } from "@/lib/forms/form-state";

type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** A one-button form acting on one row (resend, revoke, deactivate…), with its outcome announced. */
export function RowActionForm({
  action,
  hidden,
  children,
  confirmMessage,
  className = "",
}: {
  action: BoundAction;
  hidden: Record<string, string>;
  children: ReactNode;
  confirmMessage?: string;
  className?: string;
}) {
  const t = useTranslations("members");
  const form = useActionForm(action);
  const message = form.state.message;
  return (
    <form
      {...form.formProps}
      onSubmit={(event) => {
        if (confirmMessage && !window.confirm(confirmMessage)) {
          event.preventDefault();
          return;
        }
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
      <FormStatus
        state={form.state}
        errorCount={0}
        successMessage={message && t.has(message) ? t(message, { email: form.state.values.invitedEmail ?? "" }) : undefined}
      />
    </form>
  );
}
