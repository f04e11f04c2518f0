"use client";
import { useTranslations } from "next-intl";
import { acceptInvitationSchema } from "@/lib/validation/forms";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { NewPasswordField } from "@/components/forms/new-password-field";
import type { PasswordContext, PasswordPolicy } from "@/lib/auth/password-policy/policy";
import { useState } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";

export function AcceptInvitationForm({
  action,
  token,
  email,
  policy,
  context,
}: {
  action: FormAction;
  token: string;
  email: string;
  policy: PasswordPolicy;
  context: PasswordContext;
}) {
  const [name, setName] = useState("");
  const t = useTranslations();
  const form = useActionForm(action, acceptInvitationSchema);
  return (
    <form {...form.formProps} className="space-y-5">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      <input type="hidden" name="token" value={token} />
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">{t("invite.email")}</p>
        <p className="break-all font-medium">{email}</p>
        {/* For password managers: the account this new password belongs to. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      </div>
      <TextField label={t("invite.name")} name="name" autoComplete="name" required maxLength={100} defaultValue={form.value("name")} error={form.error("name")} onChange={(event) => setName(event.target.value)} />
      <NewPasswordField
        label={t("invite.password")}
        policy={policy}
        context={{ ...context, userName: name }}
        errors={form.fieldErrors.password}
        errorValues={form.errorValues}
      />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("invite.submitting") : t("invite.submit")}
      </button>
    </form>
  );
}
