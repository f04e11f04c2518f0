"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { signUpAction } from "@/lib/actions/sign-up-action";
import { signUpSchema } from "@/lib/validation/forms";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { RECOMMENDED_POLICY } from "@/lib/auth/password-policy/policy";
import { checkPasswordField } from "@/lib/validation/password-rules";
import { CaptchaField } from "@/components/forms/captcha-field";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { slugFromName } from "@/lib/workspace/slug";

export function SignUpForm({ origin }: { origin: string }) {
  const t = useTranslations("signup");
  const form = useActionForm(signUpAction, signUpSchema, (data) =>
    checkPasswordField("password", data.password ?? "", RECOMMENDED_POLICY, {
      workspaceName: data.companyName ?? "",
      workspaceSlug: (data.slug ?? "").toLowerCase(),
      userName: data.ownerName,
      email: data.email,
    }),
  );
  const [slug, setSlug] = useState(form.value("slug") ?? "");
  const [slugEdited, setSlugEdited] = useState(false);
  // What the password may not be built from, as typed so far (the meter checks it live).
  const [personal, setPersonal] = useState({ companyName: "", ownerName: "", email: "" });
  const suggestion = form.state.formErrorValues?.suggestion;
  return (
    <form {...form.formProps} className="space-y-5">
      <FormStatus state={form.state} errorCount={form.errorCount} />
      <TextField
        label={t("companyName")}
        name="companyName"
        autoComplete="organization"
        required
        maxLength={100}
        defaultValue={form.value("companyName")}
        error={form.error("companyName")}
        onChange={(event) => {
          const companyName = event.target.value;
          setPersonal((p) => ({ ...p, companyName }));
          if (!slugEdited) setSlug(slugFromName(companyName));
        }}
      />
      <div>
        <TextField
          label={t("slug")}
          name="slug"
          required
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={40}
          value={slug}
          onChange={(event) => {
            setSlugEdited(true);
            setSlug(event.target.value.toLowerCase());
          }}
          error={form.error("slug")}
          errorValues={form.errorValues}
          hint={t("slugHint", { origin, slug: slug || "…" })}
        />
        {suggestion && form.error("slug") === "slugTaken" ? (
          <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small} mt-2`} onClick={() => setSlug(suggestion)}>
            {t("useSuggestion", { slug: suggestion })}
          </button>
        ) : null}
      </div>
      <TextField
        label={t("ownerName")}
        name="ownerName"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={form.value("ownerName")}
        error={form.error("ownerName")}
        onChange={(event) => {
          const ownerName = event.target.value;
          setPersonal((p) => ({ ...p, ownerName }));
        }}
      />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={form.value("email")}
        error={form.error("email")}
        onChange={(event) => {
          const email = event.target.value;
          setPersonal((p) => ({ ...p, email }));
        }}
      />
      <NewPasswordField
        label={t("password")}
        policy={RECOMMENDED_POLICY}
        context={{ workspaceName: personal.companyName, workspaceSlug: slug, userName: personal.ownerName, email: personal.email }}
        errors={form.fieldErrors.password}
        errorValues={form.errorValues}
      />
      <CaptchaField error={form.error("captcha")} resetKey={form.state} />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
