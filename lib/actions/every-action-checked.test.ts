// Every server action goes through one of the two pipelines that check its arguments before
// anything reads them (NUL characters, wrong shapes) and, for the public ones, count the per-IP
// sign-in limit: memberAction (signed in) or signInLikeAction (public forms). A new action that
// skips both fails here rather than in production.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
// The two actions with no form to check: each checks its single argument itself.
const CHECKED_BY_HAND = new Set(["app/actions/locale.ts:switchLocaleAction", "app/actions/sign-out.ts:signOutAction"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith(".test.ts") ? [full] : [];
  });
}

const actionModules = ["app", "lib", "components"]
  .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
  .filter((file) => /^\s*["']use server["'];?/m.test(readFileSync(file, "utf8")));

describe("server actions", () => {
  it("are found", () => {
    expect(actionModules.length).toBeGreaterThan(10);
  });

  it("each goes through memberAction or signInLikeAction", () => {
    const unchecked: string[] = [];
    for (const file of actionModules) {
      const source = readFileSync(file, "utf8");
      const relative = path.relative(ROOT, file);
      for (const match of source.matchAll(/^export\s+(?:async\s+function\s+(\w+)|const\s+(\w+)\s*=\s*(\w+)\()/gm)) {
        const name = match[1] ?? match[2]!;
        const pipeline = match[3];
        if (pipeline === "memberAction" || pipeline === "signInLikeAction") continue;
        if (!CHECKED_BY_HAND.has(`${relative}:${name}`)) unchecked.push(`${relative}:${name}`);
      }
      // Anything exported some other way (export { x }, export default) is unchecked too.
      if (/^export\s+(?:\{|default)/m.test(source)) unchecked.push(`${relative}: export list or default`);
    }
    expect(unchecked).toEqual([]);
  });
});
