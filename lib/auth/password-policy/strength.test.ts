import { describe, expect, it } from "vitest";
import { estimatePasswordBits, estimateStrength } from "./strength";
import { checkPasswordAgainstPolicy, CLASSIC_POLICY, RECOMMENDED_POLICY, type PasswordPolicy } from "./policy";

const context = { workspaceName: "Northwind", workspaceSlug: "northwind", userName: "Ana Silva", email: "ana@example.com" };
const level = (password: string, policy: PasswordPolicy = RECOMMENDED_POLICY) =>
  estimateStrength(password, checkPasswordAgainstPolicy(password, policy, context).problems).level;

describe("estimateStrength", () => {
  it("is too weak while any requirement of the policy is unmet, and for an empty password", () => {
    expect(level("")).toBe("tooWeak");
    expect(level("short one")).toBe("tooWeak");
    expect(level("northwind forever and ever")).toBe("tooWeak"); // personal information
    expect(level("hamburger-island-lamp", CLASSIC_POLICY)).toBe("tooWeak"); // no capital, no digit
  });

  it("rates by length and variety: weak, fair, strong", () => {
    expect(level("harbourlanternq")).toBe("weak"); // 15 lower-case letters: the bare minimum
    expect(level("harbour lantern quietly")).toBe("fair");
    expect(level("purple lantern drifts over quiet harbour")).toBe("strong");
    expect(level("Kq7#vB2x!Lm9zR4w&Tp")).toBe("strong");
  });

  it("counts repeats, sequences and keyboard runs for little", () => {
    expect(estimatePasswordBits("aaaaaaaaaaaaaaaaaaaa")).toBeLessThan(estimatePasswordBits("harbourlantern"));
    expect(estimatePasswordBits("abcdefghijklmnopqrst")).toBeLessThan(estimatePasswordBits("harbourlantern"));
    expect(estimatePasswordBits("qwertyuiopasdfghjkl")).toBeLessThan(estimatePasswordBits("harbourlantern"));
    expect(level("aaaaaaaaaaaaaaaaaaaaaaaaa")).toBe("weak");
    expect(level("1234567890123456789")).toBe("weak");
  });

  it("grows with length and with variety", () => {
    expect(estimatePasswordBits("harbourlanternq")).toBeLessThan(estimatePasswordBits("harbourlanternquiet"));
    expect(estimatePasswordBits("harbourlantern")).toBeLessThan(estimatePasswordBits("Harbour-lantern7"));
  });
});
