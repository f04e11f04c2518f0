import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// `next build` takes a minute on these machines; skip it when nothing it reads has changed since.
const SOURCES = ["app", "components", "lib", "messages", "i18n", "proxy.ts", "next.config.mjs", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsStale() {
  const buildId = ".next/BUILD_ID";
  if (!existsSync(buildId)) return true;
  return Math.max(...SOURCES.map(newestMtime)) > statSync(buildId).mtimeMs;
}
