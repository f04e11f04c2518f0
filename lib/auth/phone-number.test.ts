import { describe, expect, it } from "vitest";
import { maskPhoneNumber, parsePhoneNumber } from "./phone-number";

describe("parsePhoneNumber", () => {
  it("normalises Chinese mobiles to E.164, with +86 or with the CN hint", () => {
    expect(parsePhoneNumber("+86 138 0013 8000")).toEqual({ ok: true, e164: "+8613800138000", display: "+86 138 0013 8000", country: "CN" });
    expect(parsePhoneNumber("138-0013-8000", "CN")).toMatchObject({ ok: true, e164: "+8613800138000" });
    expect(parsePhoneNumber("0086 13800138000", "CN")).toMatchObject({ ok: true, e164: "+8613800138000" });
  });

  it("reads US numbers with the US hint", () => {
    expect(parsePhoneNumber("(415) 555-2671", "US")).toMatchObject({ ok: true, e164: "+14155552671", display: "+1 415 555 2671" });
  });

  it("refuses what is not a phone number", () => {
    expect(parsePhoneNumber("")).toEqual({ ok: false, reason: "empty" });
    expect(parsePhoneNumber("   ")).toEqual({ ok: false, reason: "empty" });
    expect(parsePhoneNumber("call me")).toEqual({ ok: false, reason: "invalid" });
    expect(parsePhoneNumber("+86 138 0013 800")).toEqual({ ok: false, reason: "invalid" });
    expect(parsePhoneNumber("13800138000")).toEqual({ ok: false, reason: "invalid" }); // no country: needs "+"
    expect(parsePhoneNumber("+1".padEnd(60, "5"))).toEqual({ ok: false, reason: "invalid" });
    expect(parsePhoneNumber("+86 138 0013 8000; DROP TABLE")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses landlines, which can't receive texts", () => {
    expect(parsePhoneNumber("+44 20 7946 0958")).toEqual({ ok: false, reason: "not-mobile" });
    expect(parsePhoneNumber("+86 10 6552 9988")).toEqual({ ok: false, reason: "not-mobile" });
  });

  it("reads a number without + in the country picked, so Beijing's 010 and a US mobile need no code", () => {
    expect(parsePhoneNumber("138 0013 8000", "CN")).toMatchObject({ ok: true, e164: "+8613800138000" });
    expect(parsePhoneNumber("(415) 555-2671", "US")).toMatchObject({ ok: true, e164: "+14155552671" });
    // "+" wins over the picker.
    expect(parsePhoneNumber("+86 138 0013 8000", "US")).toMatchObject({ ok: true, e164: "+8613800138000" });
  });
});

describe("maskPhoneNumber", () => {
  it("hides the middle digits", () => {
    expect(maskPhoneNumber("+8613800138000")).toBe("+86 138 **** 8000");
    expect(maskPhoneNumber("+14155552671")).toBe("+1 415 *** 2671");
  });
});
