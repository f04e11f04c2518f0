// Playwright needs a Chromium. These machines cannot download Playwright's own build, so the
// tests use Debian's (DESIGN.md). Installs it when missing and we are allowed to (root + apt-get);
// otherwise says exactly what to do. The same for the other programs the browser tests run
// (openssl, haproxy) and the Chinese font their screenshots need.
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

// The https run (e2e/https.spec.ts) makes its certificate with the openssl command line
// (scripts/lib/test-certificate.mjs); Debian installs it almost everywhere, slim images excepted.
const hasOpenssl = spawnSync("sh", ["-c", "command -v openssl"], { stdio: "ignore" }).status === 0;
if (!hasOpenssl) {
  if (isRoot && hasApt) {
    console.log("Installing openssl, which makes the https browser tests' certificate…");
    aptInstall(["openssl"]);
  }
  if (spawnSync("sh", ["-c", "command -v openssl"], { stdio: "ignore" }).status !== 0) {
    console.error("The https browser tests need the openssl command. Install it with your package manager (Debian/Ubuntu: sudo apt-get install openssl).");
    process.exit(1);
  }
}

// The load-balancer test (e2e/load-balancer.spec.ts) puts a real HAProxy in front of the two app
// servers. Debian installs it in /usr/sbin, which an ordinary user's PATH may lack.
const hasHaproxy = () => spawnSync("sh", ["-c", "command -v haproxy || test -x /usr/sbin/haproxy"], { stdio: "ignore" }).status === 0;
if (!hasHaproxy()) {
  if (isRoot && hasApt) {
    console.log("Installing haproxy, the load balancer in front of the two app servers in the browser tests…");
    aptInstall(["haproxy"]);
  }
  if (!hasHaproxy()) {
    console.error("The load-balancer browser test needs HAProxy. Install it with your package manager (Debian/Ubuntu: sudo apt-get install haproxy).");
    process.exit(1);
  }
}

if (existsSync(SYSTEM_CHROMIUM) || playwrightHasItsOwn()) process.exit(0);

if (isRoot && hasApt) {
  console.log("Chromium is missing; installing Debian's chromium package for the browser tests…");
  if (aptInstall(["chromium"]) && existsSync(SYSTEM_CHROMIUM)) process.exit(0);
}
console.error(`The browser tests need Chromium. Install it with your package manager (Debian/Ubuntu: sudo apt-get install chromium),
or run "npx playwright install chromium" where downloads are allowed.`);
process.exit(1);
