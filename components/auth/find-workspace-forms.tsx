"use client";
import { useTranslations } from "next-intl";
import { findWorkspacesAction, goToWorkspaceAction } from "@/lib/actions/find-workspace-actions";
import { findWorkspacesSchema, goToWorkspaceSchema } from "@/lib/validation/forms";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { CaptchaField } from "@/components/forms/captcha-field";
import { MailboxLink } from "@/components/email/mailbox-link";

export function GoToWorkspaceForm({ origin }: { origin: string }) {
  const t = useTranslations("findWorkspace");
  const form = useActionForm(goToWorkspaceAction, goToWorkspaceSchema);
  return (
    <form {...form.formProps} className="space-y-4">
      <TextField
        label={t("slugLabel")}
        name="slug"
        required
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={40}
        defaultValue={form.value("slug")}
        error={form.error("slug")}
        hint={t("slugHint", { origin })}
      />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {t("go")}
      </button>
    </form>
  );
}

export function EmailWorkspacesForm({ mailboxHref }: { mailboxHref: string | null }) {
  const t = useTranslations("findWorkspace");
  const form = useActionForm(findWorkspacesAction, findWorkspacesSchema);
  return (
    <form {...form.formProps} className="space-y-4">
      <FormStatus
        state={form.state}
        errorCount={form.errorCount}
        successMessage={t("emailSent", { email: form.state.values.email ?? "" })}
      />
      {form.state.status === "success" ? <MailboxLink href={mailboxHref} /> : null}
      <TextField
        label={t("emailLabel")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={form.value("email")}
        error={form.error("email")}
      />
      <CaptchaField error={form.error("captcha")} resetKey={form.state} />
      <button type="submit" className={`${buttonStyles.secondary} w-full`} disabled={form.pending}>
        {t("emailSubmit")}
      </button>
    </form>
  );
}
