import { describe, expect, it } from "vitest";
import { csvValue, fixedAmount } from "./chart-spec";

describe("fixedAmount: the currency's own decimals, without floats", () => {
  it.each([
    ["1234.5", "USD", "1234.50"],
    ["150000", "JPY", "150000"],
    ["1.234", "KWD", "1.234"],
    ["1.2", "KWD", "1.200"],
    ["0", "USD", "0.00"],
    // Weighted forecasts carry more digits than the currency: rounded half up.
    ["0.9872", "KWD", "0.987"],
    ["0.9875", "KWD", "0.988"],
    ["75000.5", "JPY", "75001"],
    ["19.995", "USD", "20.00"],
    ["12345678901234.5678", "USD", "12345678901234.57"],
    ["-0.004", "USD", "0.00"],
    ["-2.5", "USD", "-2.50"],
  ])("%s %s → %s", (value, currency, expected) => {
    expect(fixedAmount(value, currency)).toBe(expected);
  });
});

describe("csvValue", () => {
  it("writes months as YYYY-MM, weeks as their Monday, numbers as numbers, and leaves labels alone", () => {
    expect(csvValue("2026-03-01", { kind: "month" })).toBe("2026-03");
    expect(csvValue("Total", { kind: "month" })).toBe("Total");
    expect(csvValue("2026-03-02", { kind: "week" })).toBe("2026-03-02");
    expect(csvValue(66.7, { kind: "percent" })).toBe(66.7);
    expect(csvValue(null, { kind: "days" })).toBe("");
    expect(csvValue("500.5", { kind: "money", currency: "USD" })).toBe("500.50");
  });
});
