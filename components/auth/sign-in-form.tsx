"use client";
import { useTranslations } from "next-intl";
import { signInSchema } from "@/lib/validation/forms";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { PasswordField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { CaptchaField } from "@/components/forms/captcha-field";

export function SignInForm({ action, next }: { action: FormAction; next?: string }) {
  const t = useTranslations("signin");
  const form = useActionForm(action, signInSchema);
  return (
    <form {...form.formProps} className="space-y-5">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField
        label={t("username")}
        name="username"
        // "webauthn": the browser may offer this workspace's passkeys right here (passkey autofill).
        autoComplete="username webauthn"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        maxLength={254}
        defaultValue={form.value("username")}
        error={form.error("username")}
      />
      <PasswordField
        label={t("password")}
        name="password"
        autoComplete="current-password"
        required
        maxLength={256}
        error={form.error("password")}
      />
      {form.state.captchaRequired ? (
        <CaptchaField error={form.state.formError?.startsWith("captcha") ? form.state.formError : undefined} resetKey={form.state} />
      ) : null}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
