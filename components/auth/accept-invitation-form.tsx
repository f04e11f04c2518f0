"use client";
import { useTranslations } from "next-intl";
import { acceptInvitationAction } from "@/app/[tenant]/invite/[token]/actions";
import { acceptInvitationSchema } from "@/lib/validation/forms";
import { useActionForm } from "@/components/forms/use-action-form";
import { PasswordField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";

export function AcceptInvitationForm({ slug, token, email }: { slug: string; token: string; email: string }) {
  const t = useTranslations();
  const form = useActionForm(acceptInvitationAction.bind(null, slug), acceptInvitationSchema);
  return (
    <form {...form.formProps} className="space-y-5">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      <input type="hidden" name="token" value={token} />
      <TextField label={t("invite.email")} name="email-display" value={email} readOnly autoComplete="username" />
      <TextField label={t("invite.name")} name="name" autoComplete="name" required maxLength={100} defaultValue={form.value("name")} error={form.error("name")} />
      <PasswordField
        label={t("invite.password")}
        name="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={256}
        error={form.error("password")}
        hint={t("signup.passwordHint")}
      />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("invite.submitting") : t("invite.submit")}
      </button>
    </form>
  );
}
