import { describe, expect, it } from "vitest";
import { validTimeZone } from "./time-zone";

describe("validTimeZone", () => {
  it("accepts IANA zones and refuses anything else", () => {
    expect(validTimeZone("Asia%2FShanghai")).toBe("Asia/Shanghai");
    expect(validTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("Mars/Olympus")).toBe("UTC");
    expect(validTimeZone("%E0%A4%A")).toBe("UTC");
    expect(validTimeZone(undefined)).toBe("UTC");
  });
});
