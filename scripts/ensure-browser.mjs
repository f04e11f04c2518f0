// Playwright needs a Chromium. These machines cannot download Playwright's own build, so the
// tests use Debian's (DESIGN.md). Installs it when missing and we are allowed to (root + apt-get);
// otherwise says exactly what to do.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

function playwrightHasItsOwn() {
  const probe = spawnSync(process.execPath, ["-e", "const { chromium } = require('@playwright/test'); const p = chromium.executablePath(); process.exit(require('fs').existsSync(p) ? 0 : 1)"], { stdio: "ignore" });
  return probe.status === 0;
}

if (existsSync(SYSTEM_CHROMIUM) || playwrightHasItsOwn()) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
if (isRoot && hasApt) {
  console.log("Chromium is missing; installing Debian's chromium package for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const install = update.status === 0 && spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  if (install && install.status === 0 && existsSync(SYSTEM_CHROMIUM)) process.exit(0);
}
console.error(`The browser tests need Chromium. Install it with your package manager (Debian/Ubuntu: sudo apt-get install chromium),
or run "npx playwright install chromium" where downloads are allowed.`);
process.exit(1);
