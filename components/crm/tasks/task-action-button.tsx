"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";

/**
 * A one-button form on one task (done / not done / delete). Works without JavaScript; with it the
 * outcome or error is announced without leaving the page. `action` (complete, reopen or delete) is
 * bound to the workspace by the server component that renders the button; the task id is a hidden input.
 */
export function TaskActionButton({
  taskId,
  action,
  label,
  className,
  confirmMessage,
  children,
}: {
  taskId: string;
  action: FormAction;
  label: string;
  className: string;
  confirmMessage?: string;
  children: ReactNode;
}) {
  const t = useTranslations();
  const form = useActionForm(action);
  const error = form.state.formError;
  const errorKey = `errors.${error}`;
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
      className="contents"
    >
      <input type="hidden" name="taskId" value={taskId} />
      <button type="submit" aria-label={label} title={label} className={className} disabled={form.pending}>
        {children}
      </button>
      {error ? (
        <span role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {isMessageKey(t, errorKey) ? t(errorKey) : t("errors.generic")}
        </span>
      ) : null}
    </form>
  );
}
