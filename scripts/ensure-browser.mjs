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

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
let aptUpdated = false;
function aptInstall(packages) {
  if (!aptUpdated) aptUpdated = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env }).status === 0;
  return aptUpdated && spawnSync("apt-get", ["install", "-y", "-qq", ...packages], { stdio: "inherit", env }).status === 0;
}

// Chinese pages in screenshots need a CJK font; without one they show empty boxes (tests still pass).
const hasCjkFont = spawnSync("sh", ["-c", "fc-list :lang=zh | grep -q ."], { stdio: "ignore" }).status === 0;
if (!hasCjkFont && isRoot && hasApt) {
  console.log("Installing a Chinese font (fonts-noto-cjk) so screenshots of zh-CN pages are legible…");
  aptInstall(["fonts-noto-cjk"]);
}

if (existsSync(SYSTEM_CHROMIUM) || playwrightHasItsOwn()) process.exit(0);

if (isRoot && hasApt) {
  console.log("Chromium is missing; installing Debian's chromium package for the browser tests…");
  if (aptInstall(["chromium"]) && existsSync(SYSTEM_CHROMIUM)) process.exit(0);
}
console.error(`The browser tests need Chromium. Install it with your package manager (Debian/Ubuntu: sudo apt-get install chromium),
or run "npx playwright install chromium" where downloads are allowed.`);
process.exit(1);
