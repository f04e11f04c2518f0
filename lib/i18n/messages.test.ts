import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";

function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("translations", () => {
  it("has every English string in Simplified Chinese and nothing extra", () => {
    const en = keys(MESSAGES.en).sort();
    const zh = keys(MESSAGES["zh-CN"]).sort();
    expect(zh.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !zh.includes(key))).toEqual([]);
  });

  it("leaves no Chinese string empty or untranslated English", () => {
    const flat = (messages: object, prefix = ""): [string, string][] =>
      Object.entries(messages).flatMap(([key, value]) =>
        typeof value === "object" && value ? flat(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)] as [string, string]],
      );
    const en = new Map(flat(MESSAGES.en));
    // Proper names (the app, single sign-on products) and language names are the same in both.
    const sameByDesign = /^(common\.appName|meta\.title|common\.languageNames\..*|sso\.form\.kinds\..*)$/;
    for (const [key, value] of flat(MESSAGES["zh-CN"])) {
      expect(value.trim(), key).not.toBe("");
      if (!sameByDesign.test(key)) expect(value, key).not.toBe(en.get(key));
    }
  });
});
