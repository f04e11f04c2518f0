"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { signUpAction } from "@/app/signup/actions";
import { signUpSchema } from "@/lib/validation/forms";
import { useActionForm } from "@/components/forms/use-action-form";
import { PasswordField, TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { slugFromName } from "@/lib/workspace/slug";

export function SignUpForm({ origin }: { origin: string }) {
  const t = useTranslations("signup");
  const form = useActionForm(signUpAction, signUpSchema);
  const [slug, setSlug] = useState(form.value("slug") ?? "");
  const [slugEdited, setSlugEdited] = useState(false);
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
          if (!slugEdited) setSlug(slugFromName(event.target.value));
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
          errorValues={form.state.formErrorValues}
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
      />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={form.value("email")}
        error={form.error("email")}
      />
      <PasswordField
        label={t("password")}
        name="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={256}
        error={form.error("password")}
        hint={t("passwordHint")}
      />
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
        {form.pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
