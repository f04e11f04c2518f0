"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import type { FeedbackProblem, PasswordFeedback } from "@/lib/auth/password-policy/feedback";
import type { StrengthLevel } from "@/lib/auth/password-policy/strength";

// Live feedback under a new-password field (components/forms/new-password-field.tsx, which works
// out the problems): a four-segment strength meter with a text label, and the one list of what
// the password still needs, red once a submit was refused.
//
// Put it right after the PasswordField and point the input's aria-describedby at its `id`.
// The meter and list update on every keystroke; what screen readers hear (aria-live="polite") is
// the same text, settled for half a second so that typing is not read out letter by letter.

type Props = {
  password: string;
  feedback: PasswordFeedback;
  /** A submit was refused and the password still has problems: they are the field's errors. */
  invalid?: boolean;
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

export function PasswordStrength({ password, feedback, invalid = false, id, className }: Props) {
  const t = useTranslations("passwordStrength");
  const te = useTranslations("errors");
  const { problems, strength, commonCheck } = feedback;

  const describe = (problem: FeedbackProblem) =>
    isMessageKey(te, problem.key) ? te(problem.key, problem.values) : te("generic");
  // Two keys can read the same (a merged placeholder); the list says each thing once.
  const messages = [...new Set(problems.map(describe))];
  const empty = password.length === 0;
  // Until the list has answered for this value, the meter rates nothing: "passwordpassword1"
  // would otherwise show Fair for a moment before the list calls it common.
  const checking = !empty && problems.length === 0 && commonCheck === "pending";
  const filled = empty || checking ? 0 : strength.score + 1;
  const label = empty ? "" : checking ? t("checking") : t(strength.level);
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
        <span className={`min-w-16 text-right font-medium ${empty || checking ? "text-slate-700 dark:text-slate-300" : LABEL_COLOUR[strength.level]}`}>{label}</span>
      </div>

      {messages.length > 0 ? (
        <div className="mt-2" data-testid="password-problems">
          <p className={invalid ? "font-medium text-red-700 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}>{t("stillNeeded")}</p>
          <ul className={`mt-1 list-disc space-y-0.5 pl-5 ${invalid ? "font-medium text-red-700 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}>
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : empty ? null : commonCheck === "pending" ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t("commonChecking")}</p>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t("allMet")}</p>
      )}
      {commonCheck === "unavailable" && messages.length === 0 ? (
        <p className="mt-1 text-slate-600 dark:text-slate-400">{t("commonCheckedOnSave")}</p>
      ) : null}

      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {settledAnnouncement}
      </p>
    </div>
  );
}
