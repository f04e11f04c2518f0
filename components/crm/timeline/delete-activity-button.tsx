"use client";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import type { BoundFormAction } from "./activity-fields";

/** `action`: deleteActivityAction bound to the slug by the (server) timeline. */
export function DeleteActivityButton({ action, id, subject }: { action: BoundFormAction; id: string; subject: string }) {
  const t = useTranslations("activities");
  const form = useActionForm(action);
  return (
    <form
      {...form.formProps}
      onSubmit={(event) => {
        if (!window.confirm(t("deleteConfirm", { subject }))) event.preventDefault();
        else form.formProps.onSubmit(event);
      }}
    >
      <input type="hidden" name="id" value={id} />
      {form.state.status === "error" ? <FormStatus state={form.state} errorCount={0} /> : null}
      <button type="submit" className={`${buttonStyles.ghost} ${buttonStyles.small}`} disabled={form.pending} aria-label={t("deleteNamed", { subject })}>
        {t("delete")}
      </button>
    </form>
  );
}
