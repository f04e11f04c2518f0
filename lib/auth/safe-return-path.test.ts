import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it("keeps paths inside the workspace", () => {
    expect(safeReturnPath("acme", "/acme/members")).toBe("/acme/members");
    expect(safeReturnPath("acme", "/acme?tab=1")).toBe("/acme?tab=1");
  });

  it("refuses other sites, other workspaces and tricks", () => {
    for (const next of ["https://evil.test/acme", "//evil.test", "/acme//evil.test", "/acme-evil/x", "/other/members", "/acme\\..\\x", "/acme/login", null, ""]) {
      expect(safeReturnPath("acme", next)).toBe("/acme");
    }
  });
});
