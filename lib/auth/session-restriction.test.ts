import { describe, expect, it } from "vitest";
import { stepPath } from "./session-restriction";
import { destinationAfterSignIn } from "./complete-sign-in";

// A signed-out visit to a workspace page comes back there after sign-in, through every step the
// session owes on the way: the page rides along as ?next=, and only a page of the same workspace.

const deepLink = "/acme/customers/c_123?tab=activities";

describe("stepPath", () => {
  it("carries the page asked for through every step", () => {
    expect(stepPath("acme", "second-factor", deepLink)).toBe(`/acme/login/verify?next=${encodeURIComponent(deepLink)}`);
    expect(stepPath("acme", "password-change", deepLink)).toBe(`/acme/change-password?next=${encodeURIComponent(deepLink)}`);
    expect(stepPath("acme", "mfa-enrol", deepLink)).toBe(`/acme/login/enrol?next=${encodeURIComponent(deepLink)}`);
  });

  it("leaves off the workspace's home, nothing, and anything outside the workspace", () => {
    for (const next of [undefined, null, "", "/acme", "https://evil.example/acme", "//evil.example/acme", "/other/customers", "/acme-evil/x", "/acme/login?next=/acme"]) {
      expect(stepPath("acme", "password-change", next)).toBe("/acme/change-password");
    }
  });
});

describe("destinationAfterSignIn", () => {
  it("goes to the page asked for, or to the step owed carrying it, whichever sign-in method was used", () => {
    expect(destinationAfterSignIn("acme", null, deepLink)).toBe(deepLink);
    expect(destinationAfterSignIn("acme", "password-change", deepLink)).toBe(`/acme/change-password?next=${encodeURIComponent(deepLink)}`);
    expect(destinationAfterSignIn("acme", "mfa-enrol", deepLink)).toBe(`/acme/login/enrol?next=${encodeURIComponent(deepLink)}`);
  });

  it("never leaves the workspace", () => {
    expect(destinationAfterSignIn("acme", null, "/other/customers")).toBe("/acme");
    expect(destinationAfterSignIn("acme", null, "https://evil.example/")).toBe("/acme");
    expect(destinationAfterSignIn("acme", "mfa-enrol", "/other")).toBe("/acme/login/enrol");
  });
});
