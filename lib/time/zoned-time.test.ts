import { describe, expect, it } from "vitest";
import {
  localDateKey,
  nextLocalTime,
  parseLocalDateAndTime,
  parseLocalDateTime,
  safeTimeZone,
  startOfLocalDay,
  suggestedDueInputs,
  toLocalDateTimeInput,
  toLocalInputs,
} from "./zoned-time";

const NEW_YORK = "America/New_York";
const iso = (value: Date | null) => value?.toISOString() ?? null;
const at = (value: string) => new Date(value);

describe("a wall-clock time read in the member's zone", () => {
  it("Shanghai is UTC+8 all year: no DST", () => {
    expect(iso(parseLocalDateTime("2026-11-01T10:00", "Asia/Shanghai"))).toBe("2026-11-01T02:00:00.000Z");
    expect(iso(parseLocalDateTime("2026-07-01T10:00", "Asia/Shanghai"))).toBe("2026-07-01T02:00:00.000Z");
    expect(iso(parseLocalDateTime("2026-01-01 00:00:30", "Asia/Shanghai"))).toBe("2025-12-31T16:00:30.000Z");
  });

  it("a time New York skips when it springs forward (2026-03-08 02:00 → 03:00) moves forward by the gap", () => {
    expect(iso(parseLocalDateTime("2026-03-08T01:59", NEW_YORK))).toBe("2026-03-08T06:59:00.000Z"); // EST
    expect(iso(parseLocalDateTime("2026-03-08T02:00", NEW_YORK))).toBe("2026-03-08T07:00:00.000Z"); // = 03:00 EDT
    expect(iso(parseLocalDateTime("2026-03-08T02:30", NEW_YORK))).toBe("2026-03-08T07:30:00.000Z"); // = 03:30 EDT
    expect(iso(parseLocalDateTime("2026-03-08T03:00", NEW_YORK))).toBe("2026-03-08T07:00:00.000Z");
  });

  it("a gap of half an hour (Lord Howe Island, 2026-10-04 02:00 → 02:30) moves forward by half an hour", () => {
    expect(iso(parseLocalDateTime("2026-10-04T01:59", "Australia/Lord_Howe"))).toBe("2026-10-03T15:29:00.000Z"); // +10:30
    expect(iso(parseLocalDateTime("2026-10-04T02:15", "Australia/Lord_Howe"))).toBe("2026-10-03T15:45:00.000Z"); // = 02:45 +11
  });

  it("a time New York has twice when it falls back (2026-11-01 01:30) is the first, in EDT", () => {
    expect(iso(parseLocalDateTime("2026-11-01T01:30", NEW_YORK))).toBe("2026-11-01T05:30:00.000Z");
    expect(iso(parseLocalDateTime("2026-11-01T02:00", NEW_YORK))).toBe("2026-11-01T07:00:00.000Z"); // EST
    // Both 01:30s show as 01:30 in the form.
    expect(toLocalDateTimeInput(at("2026-11-01T05:30:00Z"), NEW_YORK)).toBe("2026-11-01T01:30");
    expect(toLocalDateTimeInput(at("2026-11-01T06:30:00Z"), NEW_YORK)).toBe("2026-11-01T01:30");
  });

  it("takes an ISO instant with Z or an offset as it stands", () => {
    expect(iso(parseLocalDateTime("2026-11-01T10:00:00Z", "Asia/Shanghai"))).toBe("2026-11-01T10:00:00.000Z");
    expect(iso(parseLocalDateTime("2026-11-01T10:00+02:00", "Asia/Shanghai"))).toBe("2026-11-01T08:00:00.000Z");
  });

  it("refuses a date or time that does not exist, a year out of range, garbage and an unknown zone", () => {
    for (const value of ["2026-02-30T10:00", "2026-13-01T10:00", "2026-03-08T24:00", "2026-03-08T10:60", "2026-03-08T10:00:60", "3026-01-01T10:00", "1899-12-31T10:00", "tomorrow", "", "2026-03-08"]) {
      expect(parseLocalDateTime(value, "UTC"), value).toBeNull();
    }
    expect(parseLocalDateTime("2026-02-29T10:00", "UTC")).toBeNull(); // 2026 is not a leap year
    expect(iso(parseLocalDateTime("2028-02-29T10:00", "UTC"))).toBe("2028-02-29T10:00:00.000Z");
    expect(parseLocalDateTime("2026-03-08T10:00", "Mars/Olympus")).toBeNull();
  });

  it("reads a date input and a time input together, in exactly their shapes", () => {
    expect(iso(parseLocalDateAndTime("2026-03-08", "02:30", NEW_YORK))).toBe("2026-03-08T07:30:00.000Z");
    expect(iso(parseLocalDateAndTime("2026-12-01", "09:00", "Asia/Shanghai"))).toBe("2026-12-01T01:00:00.000Z");
    expect(parseLocalDateAndTime("2026-12-01", "09:00Z", "UTC")).toBeNull();
    expect(parseLocalDateAndTime("2026-12-01", "09:00:00", "UTC")).toBeNull();
    expect(parseLocalDateAndTime("2026-12-1", "09:00", "UTC")).toBeNull();
    expect(parseLocalDateAndTime("2026-02-30", "09:00", "UTC")).toBeNull();
    expect(parseLocalDateAndTime("2026-12-01", "25:00", "UTC")).toBeNull();
  });
});

describe("an instant shown on the member's clock", () => {
  it("gives the form's values and the local date, which may be UTC's tomorrow", () => {
    expect(toLocalInputs(at("2026-11-30T16:30:00Z"), "Asia/Shanghai")).toEqual({ date: "2026-12-01", time: "00:30" });
    expect(toLocalDateTimeInput(at("2026-11-30T16:30:00Z"), "Asia/Shanghai")).toBe("2026-12-01T00:30");
    expect(localDateKey(at("2026-11-30T16:30:00Z"), "Asia/Shanghai")).toBe("2026-12-01");
    expect(localDateKey(at("2026-11-30T16:30:00Z"), "UTC")).toBe("2026-11-30");
  });

  it("round-trips every minute of New York's spring-forward night that exists", () => {
    for (let minute = 0; minute < 6 * 60; minute++) {
      const instant = new Date(Date.parse("2026-03-08T04:00:00Z") + minute * 60_000);
      expect(iso(parseLocalDateTime(toLocalDateTimeInput(instant, NEW_YORK), NEW_YORK))).toBe(instant.toISOString());
    }
  });
});

describe("local days", () => {
  it("New York's spring day has 23 hours and its autumn day 25", () => {
    const spring = at("2026-03-08T15:00:00Z");
    expect(iso(startOfLocalDay(spring, NEW_YORK))).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(startOfLocalDay(spring, NEW_YORK, 1))).toBe("2026-03-09T04:00:00.000Z");
    const autumn = at("2026-11-01T15:00:00Z");
    expect(iso(startOfLocalDay(autumn, NEW_YORK))).toBe("2026-11-01T04:00:00.000Z");
    expect(iso(startOfLocalDay(autumn, NEW_YORK, 1))).toBe("2026-11-02T05:00:00.000Z");
  });

  it("a day whose midnight DST skips (Havana, 2026-03-08 00:00 → 01:00) starts at 01:00 of that day, not the evening before", () => {
    const start = startOfLocalDay(at("2026-03-08T15:00:00Z"), "America/Havana");
    expect(iso(start)).toBe("2026-03-08T05:00:00.000Z"); // 01:00 CDT
    expect(localDateKey(start, "America/Havana")).toBe("2026-03-08");
    expect(iso(startOfLocalDay(at("2026-03-07T15:00:00Z"), "America/Havana", 1))).toBe("2026-03-08T05:00:00.000Z");
  });

  it("counts days past the end of a month on the member's calendar", () => {
    // 20:00 on 31 January in Shanghai; tomorrow there starts at 16:00 UTC.
    expect(iso(startOfLocalDay(at("2026-01-31T12:00:00Z"), "Asia/Shanghai", 1))).toBe("2026-01-31T16:00:00.000Z");
    expect(iso(startOfLocalDay(at("2026-12-31T12:00:00Z"), "UTC", 1))).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("the next local hour (the digest's 08:00, the reminder's 09:00)", () => {
  it("is today's while it is ahead, else tomorrow's, strictly after", () => {
    expect(iso(nextLocalTime(at("2026-03-07T20:00:00Z"), NEW_YORK, 8))).toBe("2026-03-08T12:00:00.000Z"); // EDT already
    expect(iso(nextLocalTime(at("2026-03-08T12:00:00Z"), NEW_YORK, 8))).toBe("2026-03-09T12:00:00.000Z");
    expect(iso(nextLocalTime(at("2026-11-01T11:00:00Z"), NEW_YORK, 8))).toBe("2026-11-01T13:00:00.000Z"); // EST again
    expect(iso(nextLocalTime(at("2026-11-30T23:59:00Z"), "Asia/Shanghai", 8))).toBe("2026-12-01T00:00:00.000Z");
  });

  it("an hour the clock skips comes forward by the gap", () => {
    expect(iso(nextLocalTime(at("2026-03-08T05:00:00Z"), NEW_YORK, 2))).toBe("2026-03-08T07:00:00.000Z"); // 03:00 EDT
  });

  it("a new reminder suggests the next 09:00 at least 12 hours away: tomorrow morning", () => {
    // 22:00 in Shanghai: 09:00 tomorrow is only 11 hours away, so the day after.
    expect(suggestedDueInputs("Asia/Shanghai", at("2026-11-29T14:00:00Z"))).toEqual({ date: "2026-12-01", time: "09:00" });
    // 06:00 in Shanghai: 09:00 today is too soon, so tomorrow.
    expect(suggestedDueInputs("Asia/Shanghai", at("2026-11-28T22:00:00Z"))).toEqual({ date: "2026-11-30", time: "09:00" });
    // 18:00 EST the evening before New York springs forward: 09:00 EDT tomorrow.
    expect(suggestedDueInputs(NEW_YORK, at("2026-03-07T23:00:00Z"))).toEqual({ date: "2026-03-08", time: "09:00" });
  });
});

describe("safeTimeZone", () => {
  it("keeps a zone the runtime knows and falls back to UTC otherwise", () => {
    expect(safeTimeZone("Asia/Shanghai")).toBe("Asia/Shanghai");
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(safeTimeZone("")).toBe("UTC");
    expect(safeTimeZone(null)).toBe("UTC");
  });
});
