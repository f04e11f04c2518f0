import { html, type SafeHtml } from "../escape-html";
import type { EmailLocale, RenderedEmail } from "./types";

// Shared frame for every email: the document shell with its `lang`, the card the content sits in,
// and the "sent by Relay CRM" footer, in both the HTML and the plain-text part.

const FOOTER: Record<EmailLocale, string> = {
  en: "This email was sent by Relay CRM.",
  "zh-CN": "此邮件由 Relay CRM 发送。",
};

// Inline styles only: many mail clients drop <style> blocks and never load external CSS.
export const emailStyles = {
  body: "margin:0;padding:24px;background-color:#f4f4f5;color:#18181b;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'PingFang SC','Microsoft YaHei',sans-serif;font-size:16px;line-height:1.6;",
  card: "max-width:560px;margin:0 auto;padding:32px;background-color:#ffffff;border-radius:8px;",
  heading: "margin:0 0 16px;font-size:20px;line-height:1.4;font-weight:600;",
  paragraph: "margin:0 0 16px;",
  button: "display:inline-block;padding:12px 24px;background-color:#2563eb;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;",
  muted: "margin:0 0 16px;color:#52525b;font-size:14px;",
  link: "color:#2563eb;word-break:break-all;",
  footer: "max-width:560px;margin:16px auto 0;color:#71717a;font-size:12px;text-align:center;",
} as const;

/** Collapses whitespace (including newlines from user-entered names) so a subject stays one line. */
export function singleLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/**
 * Refuses anything but an absolute http(s) URL, so a link in an email can never become a
 * `javascript:` or `data:` URL however the caller built it.
 */
export function httpUrl(value: string): string {
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`Email links must use http or https, got ${url.protocol}`);
  }
  return value;
}

export function renderLayout(input: {
  locale: EmailLocale;
  subject: string;
  bodyHtml: SafeHtml;
  bodyText: string;
}): RenderedEmail {
  const footer = FOOTER[input.locale];
  const document = html`<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.subject}</title>
</head>
<body style="${emailStyles.body}">
<div style="${emailStyles.card}">
${input.bodyHtml}
</div>
<p style="${emailStyles.footer}">${footer}</p>
</body>
</html>
`;
  return {
    subject: input.subject,
    html: document.toString(),
    text: `${input.bodyText.trim()}\n\n--\n${footer}\n`,
  };
}

const DETAIL_LABELS: Record<EmailLocale, { time: string; ip: string; device: string; unknown: string }> = {
  en: { time: "Time", ip: "IP address", device: "Device", unknown: "unknown" },
  "zh-CN": { time: "时间", ip: "IP 地址", device: "设备", unknown: "未知" },
};

/**
 * "When, from where, on what": the block every security email shows about the request that
 * caused it (a lockout, a new device, a password change), in HTML and plain text.
 */
export function requestDetails(
  heading: string,
  request: { at: Date; ip: string | null; device: string | null },
  locale: EmailLocale,
): { html: SafeHtml; text: string } {
  const labels = DETAIL_LABELS[locale];
  const rows = [
    [labels.time, formatDateTime(request.at, locale)],
    [labels.ip, request.ip ?? labels.unknown],
    [labels.device, request.device ? singleLine(request.device).slice(0, 200) : labels.unknown],
  ];
  return {
    html: html`<p style="${emailStyles.paragraph}">${heading}</p>
<ul style="margin:0 0 16px;padding-left:20px;">
${rows.map(([label, value]) => html`<li>${label}: ${value}</li>
`)}</ul>`,
    text: [heading, ...rows.map(([label, value]) => `- ${label}: ${value}`)].join("\n"),
  };
}

/** A moment in the reader's language, always in UTC and labelled so, since we don't know their zone. */
export function formatDateTime(at: Date, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(at);
}
