"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { signInSchema } from "@/lib/validation/forms";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { PasswordField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { CaptchaField } from "@/components/forms/captcha-field";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/**
 * `captchaCheck` (app/[tenant]/login/actions.ts) tells, once the username is typed, whether the
 * sign-in will need a captcha, so a username with recent failures shows it before the first
 * submit; without JavaScript, or when the answer comes late, the server asks for it after the
 * submit as before, and that refused submit counts no failure.
 */
export function SignInForm({ action, captchaCheck, next }: { action: FormAction; captchaCheck?: FormAction; next?: string }) {
  const t = useTranslations("signin");
  const form = useActionForm(action, signInSchema);
  // The state the "captcha ahead" answer came with: a later answer of the sign-in itself wins.
  const [captchaAheadOf, setCaptchaAheadOf] = useState<FormState | null>(null);
  const askedFor = useRef<string | null>(null);
  const showCaptcha = form.state.captchaRequired || captchaAheadOf === form.state;

  async function askAboutCaptcha(typed: string) {
    const username = typed.trim().toLowerCase();
    if (!captchaCheck || !username || username === askedFor.current) return;
    askedFor.current = username;
    const stateAsked = form.state;
    const data = new FormData();
    data.set("username", username);
    try {
      const answer = await captchaCheck(initialFormState, data);
      if (answer?.captchaRequired && askedFor.current === username) setCaptchaAheadOf(stateAsked);
    } catch {
      // Refused (the per-address limit) or offline: the submit will meet the same and say so.
      askedFor.current = null;
    }
  }

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
        onBlur={(event) => void askAboutCaptcha(event.target.value)}
      />
      <PasswordField
        label={t("password")}
        name="password"
        autoComplete="current-password"
        required
        maxLength={256}
        error={form.error("password")}
      />
      {showCaptcha ? (
        <CaptchaField error={form.state.formError?.startsWith("captcha") ? form.state.formError : undefined} resetKey={form.state} />
      ) : null}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
