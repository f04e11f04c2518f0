"use client";
import { useTranslations } from "next-intl";
import { inviteMemberSchema } from "@/lib/validation/forms";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { SelectField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { MailboxLink } from "@/components/email/mailbox-link";
import type { Role } from "@/lib/generated/prisma/enums";

export function InviteMemberForm({ action, roles, mailboxHref }: { action: FormAction; roles: Role[]; mailboxHref: string | null }) {
  const t = useTranslations();
  const form = useActionForm(action, inviteMemberSchema);
  const succeeded = form.state.status === "success";
  // After a successful invitation the inputs start empty again (a new key remounts them).
  const key = succeeded ? form.state.values.formKey : "editing";
  return (
    <form {...form.formProps} className="space-y-4" key={key}>
      <FormStatus
        state={form.state}
        errorCount={form.errorCount}
        successMessage={t("members.invited", { email: form.state.values.invitedEmail ?? "" })}
      />
      {succeeded ? <MailboxLink href={mailboxHref} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("members.email")}
          name="email"
          type="email"
          autoComplete="off"
          required
          defaultValue={succeeded ? "" : form.value("email")}
          error={form.error("email")}
        />
        <SelectField
          label={t("members.role")}
          name="role"
          defaultValue={succeeded ? "SALES_REP" : (form.value("role") ?? "SALES_REP")}
          error={form.error("role")}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
      </div>
      <TextField
        label={t("members.employeeNumber")}
        name="employeeNumber"
        autoComplete="off"
        maxLength={50}
        defaultValue={succeeded ? "" : form.value("employeeNumber")}
        error={form.error("employeeNumber")}
        hint={t("members.employeeNumberHint")}
      />
      <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
        {form.pending ? t("members.inviteSubmitting") : t("members.inviteSubmit")}
      </button>
    </form>
  );
}
