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
import enMembers from "@/messages/en/members.json";
import zhCNMembers from "@/messages/zh-CN/members.json";
import enSso from "@/messages/en/sso.json";
import zhCNSso from "@/messages/zh-CN/sso.json";
import enBulk from "@/messages/en/bulk.json";
import zhCNBulk from "@/messages/zh-CN/bulk.json";
import enSavedViews from "@/messages/en/saved-views.json";
import zhCNSavedViews from "@/messages/zh-CN/saved-views.json";
import type { Locale } from "./locales";

// Messages live in one file per locale plus one file per feature area under messages/<locale>/,
// so areas can be worked on side by side. Files are deep-merged: an area may add keys to a shared
// namespace such as "errors". Register each area's pair here.
type MessageTree = { [key: string]: string | MessageTree };

const AREAS: Record<Locale, MessageTree[]> = {
  en: [enSecurity, enPasswordPolicy, enHelp, enCaptcha, auditEn, enRecovery, enSettings, enMfa, enPasskeys, enCrm, enTasks, enImports, enReports, enMembers, enSso, enBulk, enSavedViews],
  "zh-CN": [zhCNSecurity, zhCNPasswordPolicy, zhCNHelp, zhCNCaptcha, auditZhCN, zhCNRecovery, zhCNSettings, zhCNMfa, zhCNPasskeys, zhCNCrm, zhCNTasks, zhCNImports, zhCNReports, zhCNMembers, zhCNSso, zhCNBulk, zhCNSavedViews],
};

function deepMerge(target: MessageTree, source: MessageTree): MessageTree {
  const out: MessageTree = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    out[key] = typeof value === "object" && typeof existing === "object" ? deepMerge(existing, value) : value;
  }
  return out;
}

/**
 * The English messages' shape, the base file and every area merged (an intersection merges shared
 * namespaces such as "errors" key by key): next-intl checks each translation key against it
 * (i18n/app-config.ts), and zh-CN's shape is checked against it below.
 */
export type Messages = typeof en &
  typeof enSecurity &
  typeof enPasswordPolicy &
  typeof enHelp &
  typeof enCaptcha &
  typeof auditEn &
  typeof enRecovery &
  typeof enSettings &
  typeof enMfa &
  typeof enPasskeys &
  typeof enCrm &
  typeof enTasks &
  typeof enImports &
  typeof enReports &
  typeof enMembers &
  typeof enSso &
  typeof enBulk &
  typeof enSavedViews;

/**
 * zh-CN's files merged the same way. Assigning it to Messages below makes tsc fail when Chinese
 * lacks a key English has (messages.test.ts also finds the extra ones, and checks at run time).
 */
type ChineseMessages = typeof zhCN &
  typeof zhCNSecurity &
  typeof zhCNPasswordPolicy &
  typeof zhCNHelp &
  typeof zhCNCaptcha &
  typeof auditZhCN &
  typeof zhCNRecovery &
  typeof zhCNSettings &
  typeof zhCNMfa &
  typeof zhCNPasskeys &
  typeof zhCNCrm &
  typeof zhCNTasks &
  typeof zhCNImports &
  typeof zhCNReports &
  typeof zhCNMembers &
  typeof zhCNSso &
  typeof zhCNBulk &
  typeof zhCNSavedViews;

/** Every area merged into its locale's base file; deepMerge's result is the intersection typed above. */
export const MESSAGES: Record<Locale, Messages> = {
  en: AREAS.en.reduce(deepMerge, en) as Messages,
  "zh-CN": AREAS["zh-CN"].reduce(deepMerge, zhCN) as ChineseMessages satisfies Messages,
};
