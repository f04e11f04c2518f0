"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { PasswordField } from "./fields";
import { PasswordStrength } from "./password-strength";
import type { PasswordContext, PasswordPolicy } from "@/lib/auth/password-policy/policy";

/**
 * A password being chosen: the input, the live strength meter with the workspace's rules, and
 * every reason the server refused the last attempt (not just the first).
 */
export function NewPasswordField({
  label,
  name = "password",
  policy,
  context,
  errors = [],
  errorValues,
}: {
  label: string;
  name?: string;
  policy: PasswordPolicy;
  context: PasswordContext;
  errors?: string[];
  errorValues?: Record<string, string>;
}) {
  const t = useTranslations("errors");
  const [value, setValue] = useState("");
  const meterId = `${name}-strength`;
  const errorsId = `${name}-problems`;
  return (
    <div>
      <PasswordField
        label={label}
        name={name}
        autoComplete="new-password"
        required
        maxLength={256}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-describedby={[errors.length ? errorsId : null, meterId].filter(Boolean).join(" ")}
        aria-invalid={errors.length ? true : undefined}
      />
      {errors.length ? (
        <ul id={errorsId} className="mt-1.5 list-disc space-y-1 pl-5 text-sm font-medium text-red-700 dark:text-red-300">
          {errors.map((key) => (
            <li key={key}>{t.has(key) ? t(key, errorValues) : t("generic")}</li>
          ))}
        </ul>
      ) : null}
      <PasswordStrength password={value} policy={policy} context={context} id={meterId} className="mt-2" />
    </div>
  );
}
