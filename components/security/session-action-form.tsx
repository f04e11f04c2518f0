"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import type { FormState } from "@/lib/forms/form-state";

type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;

export function SessionActionForm({ action, sessionId, children }: { action: BoundAction; sessionId?: string; children: ReactNode }) {
  const t = useTranslations("security");
  const form = useActionForm(action);
  const message = form.state.message;
  return (
    <form {...form.formProps}>
      {sessionId ? <input type="hidden" name="sessionId" value={sessionId} /> : null}
      <fieldset disabled={form.pending} className="contents">
        {children}
      </fieldset>
      <FormStatus
        state={form.state}
        errorCount={0}
        successMessage={message && isMessageKey(t, message) ? t(message, { count: Number(form.state.values.count ?? 0) }) : undefined}
      />
    </form>
  );
}
