"use client";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { readIssue } from "@/lib/validation/security-policy";

// A field's error under it, for CRM forms: messages are "key" or "key?name=value" (issueMessage).
export function CrmFieldError({ id, messages }: { id: string; messages?: string[] }) {
  const t = useTranslations("errors");
  const message = messages?.[0];
  if (!message) return null;
  const { key, values } = readIssue(message);
  return (
    <p id={id} className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">
      {isMessageKey(t, key) ? t(key, values) : t("generic")}
    </p>
  );
}

export const labelClass = "mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200";
