import { describe, expect, it } from "vitest";
import { normalizeSlug, slugAlternatives, slugFromName, slugProblem } from "./slug";

describe("workspace slug rules", () => {
  it("accepts 3–40 lowercase letters, digits and single hyphens", () => {
    expect(slugProblem("acme")).toBeNull();
    expect(slugProblem("acme-2")).toBeNull();
    expect(slugProblem("a".repeat(40))).toBeNull();
  });

  it("refuses each malformed shape with its own reason", () => {
    expect(slugProblem("ab")).toBe("tooShort");
    expect(slugProblem("a".repeat(41))).toBe("tooLong");
    expect(slugProblem("Acme")).toBe("format");
    expect(slugProblem("-acme")).toBe("format");
    expect(slugProblem("acme-")).toBe("format");
    expect(slugProblem("ac--me")).toBe("format");
    expect(slugProblem("acme_co")).toBe("format");
    expect(slugProblem("acmé")).toBe("format");
  });

  it("refuses reserved words that are the app's own routes", () => {
    for (const word of ["login", "api", "admin", "signup", "dev"]) expect(slugProblem(word)).toBe("reserved");
  });

  it("normalizes typed input", () => {
    expect(normalizeSlug("  Acme ")).toBe("acme");
  });

  it("suggests valid slugs from company names", () => {
    expect(slugFromName("Acme & Co. GmbH")).toBe("acme-co-gmbh");
    expect(slugFromName("Café Zürich")).toBe("cafe-zurich");
    expect(slugProblem(slugFromName("北京科技"))).toBeNull();
    expect(slugProblem(slugFromName("x".repeat(80)))).toBeNull();
  });

  it("offers free alternatives that are themselves valid", () => {
    const alts = slugAlternatives("a".repeat(40), 3);
    expect(alts).toHaveLength(3);
    for (const alt of alts) expect(slugProblem(alt)).toBeNull();
    expect(slugAlternatives("acme", 2)).toEqual(["acme-2", "acme-3"]);
  });
});
