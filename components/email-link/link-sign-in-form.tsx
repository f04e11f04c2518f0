"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { buttonStyles } from "@/components/ui/button-styles";

const PROBLEMS = ["expired", "used", "unknown", "other-workspace", "locked", "disabled", "password-reset-required", "sso-required"] as const;
type Problem = (typeof PROBLEMS)[number] | "generic";

function problemOf(formError: string): Problem {
  return (PROBLEMS as readonly string[]).includes(formError) ? (formError as Problem) : "generic";
}

/**
 * The "Sign in to <workspace>" button of an emailed link. A refusal (used meanwhile, expired,
 * locked…) replaces the button with what happened and a way to ask for a new link.
 */
export function LinkSignInForm({ action, slug, workspaceName }: { action: FormAction; slug: string; workspaceName: string }) {
  const t = useTranslations("emailLink");
  const form = useActionForm(action);
  const problem = form.state.formError ? problemOf(form.state.formError) : null;
  const problemRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem, form.state]);

  return (
    <form {...form.formProps} className="space-y-4">
      <div role="alert" aria-live="assertive">
        {problem ? (
          <div
            ref={problemRef}
            tabIndex={-1}
            className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 outline-none dark:border-red-900 dark:bg-red-950 dark:text-red-100"
            data-testid={`sign-in-link-refused-${problem}`}
          >
            <p className="font-semibold">{t(`problems.${problem}Title`)}</p>
            <p className="mt-1">{t(`problems.${problem}Body`)}</p>
          </div>
        ) : null}
      </div>
      {problem === "password-reset-required" ? (
        <Link href={`/${slug}/forgot-password`} className={`${buttonStyles.primary} w-full`}>
          {t("resetPassword")}
        </Link>
      ) : problem && problem !== "generic" ? (
        <Link href={`/${slug}/login#email-link`} className={`${buttonStyles.primary} w-full`}>
          {t("requestAnother")}
        </Link>
      ) : (
        <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={form.pending}>
          {form.pending ? t("pageSigningIn") : t("pageButton", { workspace: workspaceName })}
        </button>
      )}
    </form>
  );
}
