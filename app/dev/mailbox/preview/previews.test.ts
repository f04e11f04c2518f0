import { describe, expect, it } from "vitest";
import { EMAIL_LOCALES, EMAIL_TEMPLATE_NAMES, renderEmailTemplate } from "@/lib/email/templates";
import { EMAIL_MESSAGES, emailTranslator } from "@/lib/email/templates/translator";
import { emailPreviewSample } from "./samples";

// Every template in both languages, on the previews' sample data: what a reader must find is
// there, and no message key stands where a sentence should be (next-intl shows a missing or
// broken message as its key, "emails.<template>.<key>").
const LEAKED_KEY = /\bemails\.[A-Za-z]+(\.[A-Za-z]+)*/;

const FOOTER = { en: "This email was sent by Relay CRM.", "zh-CN": "此邮件由 Relay CRM 发送。" } as const;

describe.each(EMAIL_LOCALES)("every email in %s", (locale) => {
  it.each(EMAIL_TEMPLATE_NAMES)("%s renders its subject, HTML and text with the key facts", async (name) => {
    const { template, facts } = emailPreviewSample(name, locale);
    const email = await renderEmailTemplate(template, locale);

    expect(email.subject).not.toBe("");
    expect(email.subject).not.toMatch(/[\r\n]/);
    for (const fact of facts.subject) expect(email.subject).toContain(fact);
    for (const fact of facts.text) expect(email.text).toContain(fact);
    // Each link of the text part is a link in the HTML too (React writes & as &amp; in attributes).
    for (const url of email.text.match(/https?:\/\/\S+/g) ?? []) expect(email.html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);

    expect(email.html).toMatch(new RegExp(`<html [^>]*lang="${locale}"`));
    expect(email.html).toContain(`<title>${email.subject.replaceAll("&", "&amp;").replaceAll("<", "&lt;")}</title>`);
    expect(email.html).toContain(FOOTER[locale]);
    expect(email.text.trimEnd().endsWith(FOOTER[locale])).toBe(true);
    for (const part of [email.subject, email.html, email.text]) expect(part).not.toMatch(LEAKED_KEY);
    if (locale === "zh-CN") expect(email.text).not.toContain(FOOTER.en);
  });
});

describe("the emails' messages", () => {
  const flat = (messages: object, prefix = ""): [string, string][] =>
    Object.entries(messages).flatMap(([key, value]) =>
      typeof value === "object" && value ? flat(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)] as [string, string]],
    );

  it("has every English key in Simplified Chinese, nothing extra, none empty or left in English", () => {
    const en = new Map(flat(EMAIL_MESSAGES.en));
    const zh = new Map(flat(EMAIL_MESSAGES["zh-CN"]));
    expect([...zh.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en.keys()].filter((key) => !zh.has(key))).toEqual([]);
    for (const [key, value] of zh) {
      expect(value.trim(), key).not.toBe("");
      expect(value, key).not.toBe(en.get(key));
    }
  });

  it("shows a missing message as the key the check above looks for", () => {
    const t = emailTranslator("en") as unknown as (key: string) => string;
    const original = console.error;
    console.error = () => {};
    try {
      expect(t("invitation.noSuchKey")).toMatch(LEAKED_KEY);
    } finally {
      console.error = original;
    }
  });
});
