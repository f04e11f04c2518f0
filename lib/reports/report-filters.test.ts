import { describe, expect, it } from "vitest";
import { forecastRange, parseReportFilters, presetRange, reportQueryString, todayIn } from "./report-filters";

const options = { today: "2026-05-17", ownerIds: new Set(["owner1", "owner2"]), stageIds: new Set(["stage1"]) };

describe("date presets (seen from 17 May 2026)", () => {
  it.each([
    ["this-month", "2026-05-01", "2026-06-01"],
    ["this-quarter", "2026-04-01", "2026-07-01"],
    ["this-year", "2026-01-01", "2027-01-01"],
    // Rolling, up to today: 18 May 2025 to 17 May 2026, no future days.
    ["last-12-months", "2025-05-18", "2026-05-18"],
  ] as const)("%s", (preset, from, toExclusive) => {
    expect(presetRange(preset, "2026-05-17")).toEqual({ from, toExclusive });
  });

  it("explains overlong values in every parameter instead of failing the page (found by wapiti)", () => {
    const payload = '<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE foo[<!ELEMENT foo ANY><!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>';
    const long = { range: payload, from: payload, to: payload, owner: payload, stage: payload, tag: payload.repeat(10), currency: payload };
    const { filters, errors } = parseReportFilters(long, options);
    expect(errors).toEqual(expect.arrayContaining(["unknownRange", "unknownOwner", "unknownStage", "invalidTag", "unknownCurrency"]));
    expect(filters.preset).toBe("last-12-months");
    const custom = parseReportFilters({ range: "custom", from: payload, to: "2026-02-01" }, options);
    expect(custom.errors).toContain("invalidFrom");
    expect(custom.input.from.length).toBeLessThanOrEqual(31);
  });

  it("defaults to the last 12 months, and the forecast then looks 12 months ahead", () => {
    const { filters, errors } = parseReportFilters({}, options);
    expect(errors).toEqual([]);
    expect(filters.preset).toBe("last-12-months");
    expect(filters.range).toEqual({ from: "2025-05-18", toExclusive: "2026-05-18" });
    expect(forecastRange(filters, options.today)).toEqual({ from: "2026-05-01", toExclusive: "2027-05-01" });
  });

  it("today is the viewer's date, not UTC's", () => {
    const instant = new Date("2026-03-31T20:00:00Z");
    expect(todayIn("UTC", instant)).toBe("2026-03-31");
    expect(todayIn("Asia/Tokyo", instant)).toBe("2026-04-01");
    expect(todayIn("America/Los_Angeles", new Date("2026-01-01T05:00:00Z"))).toBe("2025-12-31");
  });
});

describe("custom ranges", () => {
  it("takes both days inclusive", () => {
    const { filters, errors } = parseReportFilters({ range: "custom", from: "2026-02-01", to: "2026-02-28" }, options);
    expect(errors).toEqual([]);
    expect(filters).toMatchObject({ preset: "custom", range: { from: "2026-02-01", toExclusive: "2026-03-01" } });
    expect(forecastRange(filters, options.today)).toEqual(filters.range);
  });

  it("a reversed range is reported, kept in the form, and the default range is used", () => {
    const { filters, input, errors } = parseReportFilters({ range: "custom", from: "2026-03-01", to: "2026-02-01", owner: "owner1" }, options);
    expect(errors).toEqual(["reversedRange"]);
    expect(filters.preset).toBe("last-12-months");
    expect(filters.range).toEqual({ from: "2025-05-18", toExclusive: "2026-05-18" });
    expect(input).toMatchObject({ range: "custom", from: "2026-03-01", to: "2026-02-01" });
    // The other filters still apply.
    expect(filters.ownerId).toBe("owner1");
  });

  it.each([
    [{ from: "2026-02-30", to: "2026-03-01" }, ["invalidFrom"]],
    [{ from: "2026-02-01", to: "yesterday" }, ["invalidTo"]],
    [{ from: "2026-13-01", to: "2026-00-10" }, ["invalidFrom", "invalidTo"]],
    [{ from: "2026-02-01" }, ["missingDates"]],
    [{ from: "2000-01-01", to: "2026-01-01" }, ["rangeTooLong"]],
  ])("%j → %j", (dates, expected) => {
    const { filters, errors } = parseReportFilters({ range: "custom", ...dates }, options);
    expect(errors).toEqual(expected);
    expect(filters.preset).toBe("last-12-months");
  });

  it("dates without a preset name mean a custom range", () => {
    expect(parseReportFilters({ from: "2026-01-01", to: "2026-01-31" }, options).filters.preset).toBe("custom");
  });
});

describe("owner, stage, tag, currency", () => {
  it("unknown owner and stage are reported and ignored; the rest still applies", () => {
    const { filters, input, errors } = parseReportFilters({ range: "this-year", owner: "someone-else", stage: "'; drop table", tag: "vip", currency: "jpy" }, options);
    expect(errors).toEqual(["unknownOwner", "unknownStage"]);
    expect(filters).toMatchObject({ preset: "this-year", ownerId: null, stageId: null, tag: "vip", currency: "JPY" });
    expect(input).toMatchObject({ owner: "", stage: "", tag: "vip", currency: "JPY" });
  });

  it("an unknown preset, an over-long tag and an unknown currency are reported", () => {
    const { filters, errors } = parseReportFilters({ range: "forever", tag: "x".repeat(51), currency: "XXX", owner: "owner2", stage: "stage1" }, options);
    expect(errors).toEqual(["unknownRange", "invalidTag", "unknownCurrency"]);
    expect(filters).toMatchObject({ preset: "last-12-months", tag: null, currency: null, ownerId: "owner2", stageId: "stage1" });
  });

  it("reads the first of repeated parameters and URLSearchParams alike", () => {
    expect(parseReportFilters({ owner: ["owner2", "owner1"] }, options).filters.ownerId).toBe("owner2");
    expect(parseReportFilters(new URLSearchParams("range=this-month&stage=stage1"), options).filters).toMatchObject({ preset: "this-month", stageId: "stage1" });
  });

  it("builds the URL back, leaving out the default preset and empty fields", () => {
    const { input } = parseReportFilters({ range: "custom", from: "2026-01-01", to: "2026-01-31", tag: "a b" }, options);
    expect(reportQueryString(input)).toBe("?range=custom&from=2026-01-01&to=2026-01-31&tag=a+b");
    expect(reportQueryString(input, { range: "last-12-months" })).toBe("?tag=a+b");
  });
});
