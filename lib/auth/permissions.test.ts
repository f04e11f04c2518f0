import { describe, expect, it } from "vitest";
import { assignableRoles, can, canManageMember } from "./permissions";

describe("permission map", () => {
  it("lets only Owners and Admins invite and manage members", () => {
    expect(can("OWNER", "members.invite")).toBe(true);
    expect(can("ADMIN", "members.invite")).toBe(true);
    expect(can("MANAGER", "members.invite")).toBe(false);
    expect(can("SALES_REP", "members.deactivate")).toBe(false);
    expect(can("READ_ONLY", "members.changeRole")).toBe(false);
  });

  it("keeps Read-only members from writing records", () => {
    expect(can("READ_ONLY", "records.read")).toBe(true);
    expect(can("READ_ONLY", "records.write")).toBe(false);
    expect(can("SALES_REP", "records.write")).toBe(true);
  });

  it("does not let Admins touch Owners or create Owners", () => {
    expect(canManageMember("ADMIN", "OWNER")).toBe(false);
    expect(canManageMember("ADMIN", "MANAGER")).toBe(true);
    expect(canManageMember("OWNER", "OWNER")).toBe(true);
    expect(assignableRoles("ADMIN")).not.toContain("OWNER");
    expect(assignableRoles("OWNER")).toContain("OWNER");
    expect(assignableRoles("MANAGER")).toEqual([]);
  });
});
