"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { completeTaskAction, deleteTaskAction, reopenTaskAction } from "@/app/[tenant]/(app)/tasks/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import type { FormState } from "@/lib/forms/form-state";

const ACTIONS = { complete: completeTaskAction, reopen: reopenTaskAction, delete: deleteTaskAction };

/**
 * A one-button form on one task (done / not done / delete). Works without JavaScript; with it the
 * outcome or error is announced without leaving the page.
 */
export function TaskActionButton({
  slug,
  taskId,
  action,
  label,
  className,
  confirmMessage,
  children,
}: {
  slug: string;
  taskId: string;
  action: keyof typeof ACTIONS;
  label: string;
  className: string;
  confirmMessage?: string;
  children: ReactNode;
}) {
  const t = useTranslations();
  const form = useActionForm((ACTIONS[action] as (slug: string, state: FormState, data: FormData) => Promise<FormState>).bind(null, slug));
  const error = form.state.formError;
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
          {t.has(`errors.${error}`) ? t(`errors.${error}`) : t("errors.generic")}
        </span>
      ) : null}
    </form>
  );
}
