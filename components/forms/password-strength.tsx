"use client";
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import {
  checkPasswordAgainstPolicy,
  type PasswordContext,
  type PasswordPolicy,
  type PasswordProblem,
} from "@/lib/auth/password-policy/policy";
import { estimateStrength, type StrengthLevel } from "@/lib/auth/password-policy/strength";

// Live feedback under a new-password field: a four-segment strength meter with a text label, and
// the workspace's requirements that the password does not meet yet. Everything is checked here
// except the common-password list, which stays on the server (the server action checks it and
// returns "passwordCommon" like any other field error).
//
// Put it right after the PasswordField and point the input's aria-describedby at its `id`.
// The meter and list update on every keystroke; what screen readers hear (aria-live="polite") is
// the same text, settled for half a second so that typing is not read out letter by letter.

type Props = {
  password: string;
  policy: PasswordPolicy;
  /** The workspace and user the password is for (personal-information rule) and whether MFA is required (minimum length). */
  context: PasswordContext;
  id?: string;
  className?: string;
};

const SEGMENTS = 4;
const ANNOUNCE_DELAY_MS = 500;

// Filled segments: ≥ 3:1 against white (light) and slate-900/950 (dark), WCAG 1.4.11.
const SEGMENT_COLOUR: Record<StrengthLevel, string> = {
  tooWeak: "bg-red-600 dark:bg-red-400",
  weak: "bg-orange-600 dark:bg-orange-400",
  fair: "bg-yellow-600 dark:bg-yellow-400",
  strong: "bg-green-700 dark:bg-green-400",
};
// Label text: ≥ 4.5:1 on the same backgrounds.
const LABEL_COLOUR: Record<StrengthLevel, string> = {
  tooWeak: "text-red-700 dark:text-red-300",
  weak: "text-orange-800 dark:text-orange-300",
  fair: "text-yellow-800 dark:text-yellow-300",
  strong: "text-green-800 dark:text-green-300",
};

function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

export function PasswordStrength({ password, policy, context, id, className }: Props) {
  const t = useTranslations("passwordStrength");
  const te = useTranslations("errors");

  const { problems, strength } = useMemo(() => {
    const check = checkPasswordAgainstPolicy(password, policy, context);
    return { problems: check.problems, strength: estimateStrength(password, check.problems) };
  }, [password, policy, context]);

  const describe = (problem: PasswordProblem) =>
    te.has(problem.key) ? te(problem.key, problem.values) : te("generic");
  const messages = problems.map(describe);
  const empty = password.length === 0;
  const filled = empty ? 0 : strength.score + 1;
  const label = empty ? "" : t(strength.level);
  const announcement = empty ? "" : [t("summary", { level: label }), ...messages].join(" ");
  const settledAnnouncement = useSettled(announcement, ANNOUNCE_DELAY_MS);

  return (
    <div id={id} className={["mt-2 text-sm", className].filter(Boolean).join(" ")}>
      <div className="flex items-center gap-3" aria-hidden="true">
        <div className="grid flex-1 grid-cols-4 gap-1">
          {Array.from({ length: SEGMENTS }, (_, i) => (
            <span
              key={i}
              className={`h-1.5 rounded-full ${i < filled ? SEGMENT_COLOUR[strength.level] : "bg-slate-200 dark:bg-slate-700"}`}
            />
          ))}
        </div>
        <span className={`min-w-16 text-right font-medium ${empty ? "" : LABEL_COLOUR[strength.level]}`}>{label}</span>
      </div>

      {messages.length > 0 ? (
        <div className="mt-2">
          <p className="text-slate-700 dark:text-slate-300">{t("stillNeeded")}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700 dark:text-slate-300">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t("allMet")}</p>
      )}
      {policy.checkCommonPasswords ? (
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("commonCheckedOnSave")}</p>
      ) : null}

      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {settledAnnouncement}
      </p>
    </div>
  );
}
