"use client";
import { useTranslations } from "next-intl";
import { quickReminderSchema, TASK_TITLE_MAX } from "@/lib/validation/tasks";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";

/** "Remind me" on a record page: a task for the member, linked to the record, due when they say. */
export function QuickReminderForm({
  action,
  link,
  timeZone,
  defaultDate,
  defaultTime,
}: {
  action: FormAction;
  link: string;
  timeZone: string;
  defaultDate: string;
  defaultTime: string;
}) {
  const t = useTranslations("tasks");
  const form = useActionForm(action, quickReminderSchema);
  const succeeded = form.state.status === "success";
  const key = succeeded ? form.state.values.formKey : "editing";
  const value = (name: string, fallback: string) => (succeeded ? fallback : (form.value(name) ?? fallback));
  return (
    <form {...form.formProps} key={key} className="space-y-3" data-testid="quick-reminder-form" aria-label={t("remindMe")}>
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t("reminderSet")} />
      <input type="hidden" name="link" value={link} />
      <TextField label={t("remindTitle")} name="title" required maxLength={TASK_TITLE_MAX} defaultValue={value("title", t("remindTitleDefault"))} error={form.error("title")} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t("fields.dueDate")} name="dueDate" type="date" required defaultValue={value("dueDate", defaultDate)} error={form.error("dueDate")} />
        <TextField
          label={t("fields.dueTime")}
          name="dueTime"
          type="time"
          required
          defaultValue={value("dueTime", defaultTime)}
          error={form.error("dueTime")}
          hint={t("timeHint", { zone: timeZone })}
        />
      </div>
      <button type="submit" className={buttonStyles.secondary} disabled={form.pending}>
        {form.pending ? t("remindSubmitting") : t("remindSubmit")}
      </button>
    </form>
  );
}
