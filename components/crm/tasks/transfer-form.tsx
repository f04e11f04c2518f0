"use client";
import { useTranslations } from "next-intl";
import { transferRecordsSchema } from "@/lib/validation/tasks";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { SelectField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";

/** Owners: pick who receives a member's customers, opportunities and open tasks; confirm; see the counts moved. */
export function TransferForm({ action, fromUserId, candidates }: { action: FormAction; fromUserId: string; candidates: { value: string; label: string }[] }) {
  const t = useTranslations("transfer");
  const form = useActionForm(action, transferRecordsSchema);
  const values = form.state.values;
  const success =
    form.state.status === "success"
      ? t("done", { name: values.name ?? "", customers: Number(values.customers), opportunities: Number(values.opportunities), tasks: Number(values.tasks) })
      : undefined;
  return (
    <form
      {...form.formProps}
      onSubmit={(event) => {
        if (!window.confirm(t("confirm"))) {
          event.preventDefault();
          return;
        }
        form.formProps.onSubmit(event);
      }}
      className="space-y-4"
      data-testid="transfer-form"
    >
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={success} />
      <input type="hidden" name="fromUserId" value={fromUserId} />
      <SelectField
        label={t("to")}
        name="toUserId"
        defaultValue={form.value("toUserId") ?? ""}
        error={form.error("toUserId")}
        options={[{ value: "", label: t("choose") }, ...candidates]}
      />
      <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
