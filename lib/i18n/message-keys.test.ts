// Translation keys are checked by tsc (i18n/app-config.ts): the @ts-expect-error lines below are
// the proof, since `npx tsc --noEmit` fails on one that no longer finds an error. At run time,
// isMessageKey is the one check for keys that arrive as data.
import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { labelKey } from "@/lib/validation/customer";
import { isMessageKey, type MessageKey, type RootTranslator } from "./message-keys";
import { MESSAGES, type Messages } from "./messages";

function englishTranslator() {
  const missing: string[] = [];
  const t = createTranslator({ locale: "en", messages: MESSAGES.en, onError: (error) => void missing.push(error.code), getMessageFallback: ({ key }) => key });
  return { t, missing };
}

describe("typed translation keys", () => {
  it("a key without an English message fails the type check (and shows as its key)", () => {
    const { t, missing } = englishTranslator();
    expect(t("common.save")).toBe("Save");
    // @ts-expect-error: no such message
    expect(t("common.noSuchKey")).toBe("common.noSuchKey");
    expect(missing).toEqual(["MISSING_MESSAGE"]);
  });

  it("so does one given to the app's own translators (getTranslations, useTranslations), typed by i18n/app-config.ts", () => {
    const { t, missing } = englishTranslator();
    const appTranslator: RootTranslator = t;
    // @ts-expect-error: no such message
    expect(appTranslator("errors.noSuchError")).toBe("errors.noSuchError");
    expect(missing).toEqual(["MISSING_MESSAGE"]);
  });

  it("a list value without a message fails the type check", () => {
    expect(labelKey("industry", "retail")).toBe("crmFields.industryValues.retail");
    // @ts-expect-error: not one of the industries
    expect(labelKey("industry", "spaceTravel")).toBe("crmFields.industryValues.spaceTravel");
    const key: MessageKey<"errors"> = "generic";
    // @ts-expect-error: not a key under errors
    const wrong: MessageKey<"errors"> = "noSuchError";
    expect([key, wrong]).toEqual(["generic", "noSuchError"]);
  });

  it("a Chinese file lacking one of English's keys fails the type check", () => {
    const { save: _dropped, ...commonWithoutSave } = MESSAGES["zh-CN"].common;
    // @ts-expect-error: common.save is missing, as messages.ts's satisfies check would find
    const incomplete: Messages = { ...MESSAGES["zh-CN"], common: commonWithoutSave };
    expect(incomplete.common).not.toHaveProperty("save");
  });

  it("isMessageKey tells a key that arrives as data from one with no message", () => {
    const { t, missing } = englishTranslator();
    const fromServer: string = "captchaRequired";
    const errors = createTranslator({ locale: "en", messages: MESSAGES.en, namespace: "errors" });
    expect(isMessageKey(errors, fromServer)).toBe(true);
    expect(isMessageKey(errors, "noSuchError")).toBe(false);
    expect(isMessageKey(t, "common.save")).toBe(true);
    expect(missing).toEqual([]);
  });
});
