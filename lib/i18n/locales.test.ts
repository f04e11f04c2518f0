import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./locales";

describe("localeFromAcceptLanguage", () => {
  it("prefers the highest-ranked language we speak", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en;q=0.2,zh-TW;q=0.8")).toBe("zh-CN");
  });

  it("falls back to English", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("de-DE")).toBe("en");
    expect(localeFromAcceptLanguage("zh;q=0")).toBe("en");
    expect(localeFromAcceptLanguage(";;,,")).toBe("en");
  });
});
