import type { EmailLocale, EmailTemplate, EmailTemplateName } from "@/lib/email/templates";

// SAMPLE DATA for the template previews at /dev/mailbox/preview: made-up workspaces, people, links
// and codes on relay.example (a domain reserved for examples), at a fixed moment so a preview
// reads the same every day. Nothing here is ever sent; the real data comes from the sending code.

const SAMPLE_AT = new Date("2026-03-05T09:30:00Z");
const minutesLater = (minutes: number) => new Date(SAMPLE_AT.getTime() + minutes * 60_000);
const BASE = "https://relay.example/acme";

export interface EmailPreviewSample<Name extends EmailTemplateName = EmailTemplateName> {
  template: EmailTemplate<Name>;
  /** What a reader must find: in the subject, and in the text part (links, codes, names). */
  facts: { subject: string[]; text: string[] };
}

type SampleByName = { [Name in EmailTemplateName]: (locale: EmailLocale) => EmailPreviewSample<Name> };

const sampleWorkspace = (locale: EmailLocale) => (locale === "zh-CN" ? "远航科技" : "Acme Ltd");

export const EMAIL_PREVIEW_SAMPLES: SampleByName = {
  invitation: (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const acceptUrl = `${BASE}/invite/sample-invitation-token`;
    return {
      template: {
        name: "invitation",
        data: { workspaceName, inviterName: "Alice Chen", role: locale === "zh-CN" ? "销售代表" : "Sales rep", acceptUrl, expiresAt: minutesLater(7 * 24 * 60) },
      },
      facts: { subject: [workspaceName, "Alice Chen"], text: [acceptUrl, workspaceName] },
    };
  },
  "find-workspaces": () => {
    const workspaces = [
      { name: "Acme Ltd", loginUrl: `${BASE}/login` },
      { name: "远航科技", loginUrl: "https://relay.example/yuanhang/login" },
    ];
    return {
      template: { name: "find-workspaces", data: { workspaces } },
      facts: { subject: [], text: workspaces.flatMap((workspace) => [workspace.name, workspace.loginUrl]) },
    };
  },
  "account-locked": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const resetUrl = `${BASE}/forgot-password`;
    return {
      template: {
        name: "account-locked",
        data: { workspaceName, lockedUntil: minutesLater(15), attemptedAt: SAMPLE_AT, ip: "203.0.113.24", device: "Firefox · Windows", resetUrl },
      },
      facts: { subject: [workspaceName], text: [resetUrl, workspaceName, "203.0.113.24"] },
    };
  },
  "password-reset": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const resetUrl = `${BASE}/reset-password/sample-reset-token`;
    return {
      template: {
        name: "password-reset",
        data: {
          workspaceName,
          resetUrl,
          expiresAt: minutesLater(30),
          reason: "not-me",
          removed: { passkeys: ["Work laptop"], authenticatorApp: true, phone: "+86 *** **** 5678", recoveryCodes: false, emailCodes: false },
          ip: "198.51.100.7",
          device: "Chrome · macOS",
        },
      },
      facts: { subject: [workspaceName], text: [resetUrl, workspaceName, "Work laptop", "198.51.100.7"] },
    };
  },
  "password-changed": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const forgotPasswordUrl = `${BASE}/forgot-password`;
    return {
      template: { name: "password-changed", data: { workspaceName, changedAt: SAMPLE_AT, ip: "198.51.100.7", device: "Safari · iPhone", forgotPasswordUrl } },
      facts: { subject: [workspaceName], text: [forgotPasswordUrl, workspaceName, "Safari · iPhone"] },
    };
  },
  "new-device": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const notMeUrl = `${BASE}/not-me/sample-not-me-token`;
    return {
      template: {
        name: "new-device",
        data: { workspaceName, signedInAt: SAMPLE_AT, ip: "192.0.2.44", device: "Edge · Windows", notMeUrl, notMeExpiresAt: minutesLater(7 * 24 * 60) },
      },
      facts: { subject: [workspaceName], text: [notMeUrl, workspaceName, "192.0.2.44"] },
    };
  },
  "sign-in-link": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const signInUrl = `${BASE}/login/link/sample-sign-in-token`;
    return {
      template: {
        name: "sign-in-link",
        data: { workspaceName, signInUrl, expiresAt: minutesLater(10), requestedAt: SAMPLE_AT, ip: "203.0.113.9", device: "Chrome · macOS" },
      },
      facts: { subject: [workspaceName], text: [signInUrl, workspaceName] },
    };
  },
  "task-due": (locale) => {
    const taskTitle = locale === "zh-CN" ? "回电话确认报价" : "Call Bob about the renewal";
    const tasksUrl = `${BASE}/tasks`;
    return {
      template: {
        name: "task-due",
        data: {
          workspaceName: sampleWorkspace(locale),
          taskTitle,
          notes: locale === "zh-CN" ? "带上新价格表\n确认交付日期" : "Bring the new price list\nConfirm the delivery date",
          dueAt: SAMPLE_AT,
          timeZone: locale === "zh-CN" ? "Asia/Shanghai" : "Europe/London",
          recordName: "Globex Corporation",
          tasksUrl,
        },
      },
      facts: { subject: [taskTitle], text: [tasksUrl, taskTitle, sampleWorkspace(locale), "Globex Corporation"] },
    };
  },
  "daily-digest": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const tasksUrl = `${BASE}/tasks`;
    return {
      template: {
        name: "daily-digest",
        data: {
          workspaceName,
          timeZone: locale === "zh-CN" ? "Asia/Shanghai" : "Europe/London",
          day: SAMPLE_AT,
          overdue: [{ title: locale === "zh-CN" ? "发送合同" : "Send the contract", dueAt: minutesLater(-26 * 60), recordName: "Globex Corporation" }],
          today: [{ title: locale === "zh-CN" ? "回电话确认报价" : "Call Bob about the renewal", dueAt: minutesLater(5 * 60), recordName: null }],
          upcoming: [{ title: locale === "zh-CN" ? "季度回顾" : "Quarterly review", dueAt: minutesLater(3 * 24 * 60), recordName: "Initech" }],
          tasksUrl,
        },
      },
      facts: { subject: [workspaceName], text: [tasksUrl, "Globex Corporation", "Initech"] },
    };
  },
  "mfa-reset": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    const signInUrl = `${BASE}/login`;
    return {
      template: { name: "mfa-reset", data: { workspaceName, adminName: "Dana Whitfield", resetAt: SAMPLE_AT, signInUrl } },
      facts: { subject: [workspaceName], text: [signInUrl, workspaceName, "Dana Whitfield"] },
    };
  },
  "email-code": (locale) => {
    const workspaceName = sampleWorkspace(locale);
    return {
      template: {
        name: "email-code",
        data: { workspaceName, code: "482913", purpose: "sign-in", minutes: 10, requestedAt: SAMPLE_AT, ip: "203.0.113.9", device: "Chrome · macOS" },
      },
      // The code on a line of its own: that is how a reader (and e2e/support/mailbox.ts) finds it.
      facts: { subject: [workspaceName], text: ["\n482913\n", workspaceName] },
    };
  },
};

/** The sample for one template and locale, typed as the union sendEmail and the renderer take. */
export function emailPreviewSample(name: EmailTemplateName, locale: EmailLocale): EmailPreviewSample {
  return EMAIL_PREVIEW_SAMPLES[name](locale) as EmailPreviewSample;
}
