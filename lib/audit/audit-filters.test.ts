import { describe, expect, it } from "vitest";
import { auditQueryString, encodeAuditCursor, parseAuditCursor, parseAuditFilters, utcDay } from "./audit-filters";
import { summarizeUserAgent } from "@/lib/user-agent";

describe("parseAuditFilters", () => {
  it("reads person, type and an inclusive UTC day range", () => {
    const { filters, errors } = parseAuditFilters({ person: "cku1", type: "signin.failure", from: "2026-03-01", to: "2026-03-02" });
    expect(errors).toEqual([]);
    expect(filters).toEqual({
      personId: "cku1",
      type: "signin.failure",
      from: new Date("2026-03-01T00:00:00.000Z"),
      toExclusive: new Date("2026-03-03T00:00:00.000Z"),
    });
  });

  it("accepts URLSearchParams (the export route) and arrays (repeated parameters)", () => {
    expect(parseAuditFilters(new URLSearchParams("type=signout&from=2026-01-31")).filters).toMatchObject({
      type: "signout",
      from: new Date("2026-01-31T00:00:00Z"),
    });
    expect(parseAuditFilters({ type: ["signout", "signin.success"] }).filters.type).toBe("signout");
  });

  it("reports a reversed range and drops only the dates", () => {
    const { filters, errors, input } = parseAuditFilters({ type: "signout", from: "2026-03-05", to: "2026-03-04" });
    expect(errors).toEqual(["reversedRange"]);
    expect(filters).toMatchObject({ type: "signout", from: null, toExclusive: null });
    // The form still shows what was typed, so it can be corrected.
    expect(input).toMatchObject({ from: "2026-03-05", to: "2026-03-04" });
  });

  it("allows a one-day range", () => {
    const { filters, errors } = parseAuditFilters({ from: "2026-03-04", to: "2026-03-04" });
    expect(errors).toEqual([]);
    expect(filters.toExclusive!.getTime() - filters.from!.getTime()).toBe(86_400_000);
  });

  it("reports impossible or malformed dates and keeps the other bound", () => {
    expect(parseAuditFilters({ from: "2026-02-30", to: "2026-03-01" })).toMatchObject({
      errors: ["invalidFrom"],
      filters: { from: null, toExclusive: new Date("2026-03-02T00:00:00Z") },
    });
    expect(parseAuditFilters({ to: "yesterday" }).errors).toEqual(["invalidTo"]);
  });

  it("ignores unknown event types and malformed person ids", () => {
    const { filters, input } = parseAuditFilters({ type: "drop table", person: "x'; --" });
    expect(filters).toMatchObject({ type: null, personId: null });
    expect(input).toMatchObject({ type: "", person: "" });
  });

  it("knows real calendar days", () => {
    expect(utcDay("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(utcDay("2023-02-29")).toBeNull();
    expect(utcDay("2026-13-01")).toBeNull();
  });
});

describe("keyset cursors", () => {
  it("round-trip (createdAt, id) exactly, to the millisecond", () => {
    const row = { createdAt: new Date("2026-03-01T10:20:30.456Z"), id: "cm0abc123" };
    expect(parseAuditCursor(encodeAuditCursor(row))).toEqual(row);
  });

  it("refuse anything else", () => {
    expect(parseAuditCursor("nonsense")).toBeNull();
    expect(parseAuditCursor("123_")).toBeNull();
    expect(parseAuditCursor(undefined)).toBeNull();
  });

  it("build query strings without empty fields", () => {
    expect(auditQueryString({ person: "", type: "signout", from: "", to: "2026-01-01" }, { before: "1_a" })).toBe("?type=signout&to=2026-01-01&before=1_a");
    expect(auditQueryString({ person: "", type: "", from: "", to: "" })).toBe("");
  });
});

describe("summarizeUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge", "Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari", "macOS"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari", "iOS"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1", "Chrome", "iOS"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", "Chrome", "Android"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox", "Linux"],
    ["Mozilla/5.0 (Linux; Android 13; wv) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47", "WeChat", "Android"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Headless Chrome", "Linux"],
    ["curl/8.5.0", "curl", null],
  ])("%s", (ua, browser, os) => {
    expect(summarizeUserAgent(ua)).toEqual({ browser, os });
  });

  it("knows nothing about nothing", () => {
    expect(summarizeUserAgent(null)).toEqual({ browser: null, os: null });
    expect(summarizeUserAgent("Mozilla/5.0 (compatible)")).toEqual({ browser: null, os: null });
  });
});
