// Every server action goes through one of the two pipelines that check its arguments before
// anything reads them (NUL characters, wrong shapes), parse its form with its schema and, for the
// public ones, count the per-IP sign-in limit: memberAction (signed in) or publicAction (public
// forms). A new action that skips both fails here rather than in production.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PIPELINES = new Set(["memberAction", "publicAction"]);
// The two actions with no form to check: each checks its single argument itself.
const CHECKED_BY_HAND = new Set(["lib/actions/locale-action.ts:switchLocaleAction", "lib/actions/sign-out-action.ts:signOutAction"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith(".test.ts") ? [full] : [];
  });
}

/** The exports of a "use server" module that are not made by a pipeline (nor checked by hand). */
function uncheckedExports(relative: string, source: string): string[] {
  const unchecked: string[] = [];
  for (const match of source.matchAll(/^export\s+(?:async\s+function\s+(\w+)|const\s+(\w+)\s*=\s*(\w+)\()/gm)) {
    const name = match[1] ?? match[2]!;
    if (match[3] && PIPELINES.has(match[3])) continue;
    if (!CHECKED_BY_HAND.has(`${relative}:${name}`)) unchecked.push(`${relative}:${name}`);
  }
  // Anything exported some other way (export { x }, export default) is unchecked too.
  if (/^export\s+(?:\{|default)/m.test(source)) unchecked.push(`${relative}: export list or default`);
  return unchecked;
}

const actionModules = ["app", "lib", "components"]
  .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
  .filter((file) => /^\s*["']use server["'];?/m.test(readFileSync(file, "utf8")));

describe("server actions", () => {
  it("are found", () => {
    expect(actionModules.length).toBeGreaterThan(10);
  });

  it("each goes through memberAction or publicAction", () => {
    const unchecked = actionModules.flatMap((file) => uncheckedExports(path.relative(ROOT, file), readFileSync(file, "utf8")));
    expect(unchecked).toEqual([]);
  });

  it("a hand-written action, one wrapped some other way, or one exported by list is caught", () => {
    const handWritten = `"use server";
export async function resetAction(slug: string, _prev: FormState, formData: FormData) {
  return formError(formData, "generic");
}
export const signUpAction = withLogging(signUp);
export const findAction = publicAction({ bound: [], schema, logAs: "find" }, find);
const quiet = async () => initialFormState;
export { quiet };
`;
    expect(uncheckedExports("app/x/actions.ts", handWritten)).toEqual(["app/x/actions.ts:resetAction", "app/x/actions.ts:signUpAction", "app/x/actions.ts: export list or default"]);
  });
});
