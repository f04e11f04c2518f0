import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import auditEn from "@/messages/en/audit.json";
import auditZhCN from "@/messages/zh-CN/audit.json";
import enSecurity from "@/messages/en/security.json";
import zhCNSecurity from "@/messages/zh-CN/security.json";
import enPasswordPolicy from "@/messages/en/password-policy.json";
import zhCNPasswordPolicy from "@/messages/zh-CN/password-policy.json";
import enHelp from "@/messages/en/help.json";
import zhCNHelp from "@/messages/zh-CN/help.json";
import enRecovery from "@/messages/en/recovery.json";
import zhCNRecovery from "@/messages/zh-CN/recovery.json";
import enSettings from "@/messages/en/settings.json";
import zhCNSettings from "@/messages/zh-CN/settings.json";
import enCaptcha from "@/messages/en/captcha.json";
import zhCNCaptcha from "@/messages/zh-CN/captcha.json";
import enMfa from "@/messages/en/mfa.json";
import zhCNMfa from "@/messages/zh-CN/mfa.json";
import enPasskeys from "@/messages/en/passkeys.json";
import zhCNPasskeys from "@/messages/zh-CN/passkeys.json";
import enCrm from "@/messages/en/crm.json";
import zhCNCrm from "@/messages/zh-CN/crm.json";
import enTasks from "@/messages/en/tasks.json";
import zhCNTasks from "@/messages/zh-CN/tasks.json";
import enImports from "@/messages/en/imports.json";
import zhCNImports from "@/messages/zh-CN/imports.json";
import enReports from "@/messages/en/reports.json";
import zhCNReports from "@/messages/zh-CN/reports.json";
import type { Locale } from "./locales";

// Messages live in one file per locale plus one file per feature area under messages/<locale>/,
// so areas can be worked on side by side. Files are deep-merged: an area may add keys to a shared
// namespace such as "errors". Register each area's pair here.
type Messages = { [key: string]: string | Messages };

const AREAS: Record<Locale, Messages[]> = {
  en: [enSecurity, enPasswordPolicy, enHelp, enCaptcha, auditEn, enRecovery, enSettings, enMfa, enPasskeys, enCrm, enTasks, enImports, enReports],
  "zh-CN": [zhCNSecurity, zhCNPasswordPolicy, zhCNHelp, zhCNCaptcha, auditZhCN, zhCNRecovery, zhCNSettings, zhCNMfa, zhCNPasskeys, zhCNCrm, zhCNTasks, zhCNImports, zhCNReports],
};

function deepMerge(target: Messages, source: Messages): Messages {
  const out: Messages = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    out[key] = typeof value === "object" && typeof existing === "object" ? deepMerge(existing, value) : value;
  }
  return out;
}

// Typed as the English base file, which every area only adds to.
export const MESSAGES: Record<Locale, typeof en> = {
  en: AREAS.en.reduce(deepMerge, en) as typeof en,
  "zh-CN": AREAS["zh-CN"].reduce(deepMerge, zhCN) as typeof en,
};
