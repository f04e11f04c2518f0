"use client";
import { useMemo, useState } from "react";
import { PasswordField } from "./fields";
import { PasswordStrength } from "./password-strength";
import { useCommonPasswordVerdict } from "./use-common-password-verdict";
import { passwordFeedback } from "@/lib/auth/password-policy/feedback";
import type { PasswordContext, PasswordPolicy } from "@/lib/auth/password-policy/policy";

const NO_ERRORS: string[] = [];

/**
 * A password being chosen: the input, the live strength meter, and one list of what the password
 * still needs (lib/auth/password-policy/feedback.ts). The list is worked out from the value as it
 * is now: the workspace's rules in the browser, the common-password list from the server as
 * typing pauses, and the last submit's refusal only while the value is still the refused one, so
 * a message never stays beside "Meets this workspace's password rules" and none shows twice.
 */
export function NewPasswordField({
  label,
  name = "password",
  policy,
  context,
  errors = NO_ERRORS,
  errorValues,
}: {
  label: string;
  name?: string;
  policy: PasswordPolicy;
  context: PasswordContext;
  /** Keys under "errors." from the last submit (the browser's own check or the server's). */
  errors?: string[];
  errorValues?: Record<string, string>;
}) {
  const [value, setValue] = useState("");
  // A new refusal arrives as a new array; it holds until the member changes the value.
  const [refusal, setRefusal] = useState({ errors, edited: false });
  if (refusal.errors !== errors) setRefusal({ errors, edited: false });
  const verdict = useCommonPasswordVerdict(value, policy.checkCommonPasswords);
  const feedback = useMemo(
    () =>
      passwordFeedback({
        password: value,
        policy,
        context,
        verdict,
        refusal: refusal.edited || errors.length === 0 ? null : { keys: errors, values: errorValues },
      }),
    [value, policy, context, verdict, refusal.edited, errors, errorValues],
  );
  // After a refused submit, what is still missing is an error of the field, not a hint.
  const invalid = errors.length > 0 && feedback.problems.length > 0;
  const meterId = `${name}-strength`;
  return (
    <div>
      <PasswordField
        label={label}
        name={name}
        autoComplete="new-password"
        required
        maxLength={256}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          if (!refusal.edited) setRefusal({ errors, edited: true });
        }}
        aria-describedby={meterId}
        aria-invalid={invalid ? true : undefined}
      />
      <PasswordStrength password={value} feedback={feedback} invalid={invalid} id={meterId} className="mt-2" />
    </div>
  );
}
