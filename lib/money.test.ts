import { describe, expect, it } from "vitest";
import { addAmounts, currencyDecimals, formatMoney, parseAmount } from "./money";

describe("currencyDecimals", () => {
  it("knows 0-, 2- and 3-decimal currencies", () => {
    expect(currencyDecimals("JPY")).toBe(0);
    expect(currencyDecimals("KRW")).toBe(0);
    expect(currencyDecimals("USD")).toBe(2);
    expect(currencyDecimals("CNY")).toBe(2);
    expect(currencyDecimals("KWD")).toBe(3);
    expect(currencyDecimals("BHD")).toBe(3);
  });
});

describe("parseAmount", () => {
  it("accepts grouping and the currency's decimals", () => {
    expect(parseAmount("1,234.50", "USD")).toEqual({ ok: true, value: "1234.5" });
    expect(parseAmount(" 1 000 ", "JPY")).toEqual({ ok: true, value: "1000" });
    expect(parseAmount("12.345", "KWD")).toEqual({ ok: true, value: "12.345" });
    expect(parseAmount("0.10", "USD")).toEqual({ ok: true, value: "0.1" });
    expect(parseAmount("", "USD")).toEqual({ ok: true, value: "0" });
    expect(parseAmount("007", "USD")).toEqual({ ok: true, value: "7" });
  });

  it("refuses more decimals than the currency has", () => {
    expect(parseAmount("1.234", "JPY")).toEqual({ ok: false, reason: "too-many-decimals" });
    expect(parseAmount("1.5", "JPY")).toEqual({ ok: false, reason: "too-many-decimals" });
    expect(parseAmount("1.234", "USD")).toEqual({ ok: false, reason: "too-many-decimals" });
    expect(parseAmount("1.2345", "KWD")).toEqual({ ok: false, reason: "too-many-decimals" });
  });

  it("refuses negative amounts, garbage and huge numbers", () => {
    expect(parseAmount("-1", "USD")).toEqual({ ok: false, reason: "negative" });
    expect(parseAmount("-0.5", "USD")).toEqual({ ok: false, reason: "negative" });
    expect(parseAmount("abc", "USD")).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmount("1e5", "USD")).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmount("1.2.3", "USD")).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmount(".", "USD")).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmount("--1", "USD")).toEqual({ ok: false, reason: "invalid" });
    expect(parseAmount("123456789012345", "USD")).toEqual({ ok: false, reason: "too-large" });
    expect(parseAmount("99999999999999", "USD")).toEqual({ ok: true, value: "99999999999999" });
    expect(parseAmount(null, "USD")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("formatMoney and addAmounts", () => {
  it("formats with the currency's decimals", () => {
    expect(formatMoney("1234.5", "USD", "en")).toBe("$1,234.50");
    expect(formatMoney("1234", "JPY", "en")).toBe("¥1,234");
    expect(formatMoney("1.5", "KWD", "en")).toMatch(/1\.500/);
  });
  it("adds decimal strings exactly", () => {
    expect(addAmounts(["0.1", "0.2"])).toBe("0.3");
    expect(addAmounts(["99999999999999.9999", "0.0001"])).toBe("100000000000000");
    expect(addAmounts([])).toBe("0");
  });
});
