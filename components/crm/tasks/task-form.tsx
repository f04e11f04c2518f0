"use client";
import { useTranslations } from "next-intl";
import { createTaskSchema, TASK_NOTES_MAX, TASK_TITLE_MAX, updateTaskSchema } from "@/lib/validation/tasks";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FieldError, SelectField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";

export type TaskFormDefaults = {
  taskId?: string;
  updatedAt?: string;
  title: string;
  notes: string;
  dueDate: string;
  dueTime: string;
  assigneeId: string;
  link: string;
  /** The current linked record when it is not among the options (e.g. a contact). */
  currentLink?: { value: string; label: string } | null;
};

type Option = { value: string; label: string };

/**
 * New task (My tasks) or edit task: due date and time on the member's clock, assignee, linked record.
 * `action` is the create or the update action (with a task id in `defaults`), bound by the page.
 */
export function TaskForm({
  action,
  timeZone,
  assignees,
  linkOptions,
  defaults,
}: {
  action: FormAction;
  timeZone: string;
  assignees: Option[];
  linkOptions: { customers: Option[]; opportunities: Option[] };
  defaults: TaskFormDefaults;
}) {
  const t = useTranslations("tasks");
  const editing = Boolean(defaults.taskId);
  const form = useActionForm(action, editing ? updateTaskSchema : createTaskSchema);
  const succeeded = form.state.status === "success" && !editing;
  const key = succeeded ? form.state.values.formKey : "editing";
  // After a refused submission the typed values come back from the server; otherwise the defaults.
  const value = (name: keyof TaskFormDefaults) => (succeeded ? String(defaults[name] ?? "") : (form.value(name) ?? String(defaults[name] ?? "")));
  const linkError = form.error("link");
  const notesError = form.error("notes");
  return (
    <form {...form.formProps} className="space-y-4" key={key} data-testid={editing ? "edit-task-form" : "new-task-form"}>
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={editing ? t("saved") : t("created")} />
      {defaults.taskId ? <input type="hidden" name="taskId" value={defaults.taskId} /> : null}
      {defaults.updatedAt ? <input type="hidden" name="updatedAt" value={defaults.updatedAt} /> : null}
      <TextField label={t("fields.title")} name="title" required maxLength={TASK_TITLE_MAX} defaultValue={value("title")} error={form.error("title")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("fields.dueDate")}
          name="dueDate"
          type="date"
          required
          defaultValue={value("dueDate")}
          error={form.error("dueDate")}
        />
        <TextField
          label={t("fields.dueTime")}
          name="dueTime"
          type="time"
          required
          defaultValue={value("dueTime")}
          error={form.error("dueTime")}
          hint={t("timeHint", { zone: timeZone })}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t("fields.assignee")} name="assigneeId" defaultValue={value("assigneeId")} error={form.error("assigneeId")} options={assignees} />
        <div>
          <label htmlFor="task-link" className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
            {t("fields.link")}
          </label>
          <select
            id="task-link"
            name="link"
            defaultValue={value("link")}
            aria-invalid={linkError ? true : undefined}
            aria-describedby={linkError ? "task-link-error" : undefined}
            className={inputClass}
          >
            <option value="">{t("fields.linkNone")}</option>
            {defaults.currentLink ? <option value={defaults.currentLink.value}>{t("fields.linkCurrent", { name: defaults.currentLink.label })}</option> : null}
            {linkOptions.customers.length > 0 ? (
              <optgroup label={t("fields.linkCustomers")}>
                {linkOptions.customers.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {linkOptions.opportunities.length > 0 ? (
              <optgroup label={t("fields.linkOpportunities")}>
                {linkOptions.opportunities.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          <FieldError id="task-link-error" error={linkError} />
        </div>
      </div>
      <div>
        <label htmlFor="task-notes" className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t("fields.notes")}
        </label>
        <textarea
          id="task-notes"
          name="notes"
          rows={3}
          maxLength={TASK_NOTES_MAX}
          defaultValue={value("notes")}
          aria-invalid={notesError ? true : undefined}
          aria-describedby={notesError ? "task-notes-error" : undefined}
          className={inputClass}
        />
        <FieldError id="task-notes-error" error={notesError} />
      </div>
      <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
        {editing ? (form.pending ? t("saving") : t("save")) : form.pending ? t("creating") : t("create")}
      </button>
    </form>
  );
}
