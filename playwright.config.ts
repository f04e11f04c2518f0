import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { makeTestCertificate } from "./scripts/lib/test-certificate.mjs";
import { E2E_HTTPS_HOST, E2E_HTTPS_PORT, E2E_HTTPS_URL, E2E_TLS_DIR } from "./scripts/lib/e2e-https.mjs";

// End-to-end tests: the production build (scripts/e2e-server.mjs) on a fresh database, driven by
// Chromium. Debian's /usr/bin/chromium when installed (Playwright's own browsers cannot be
// downloaded on these machines), Playwright's bundled Chromium otherwise.
const PORT = 3100;
const baseURL = `http://localhost:${PORT}`;
const systemChromium = "/usr/bin/chromium";

const launchOptions = {
  ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
  args: [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
  ],
};

// The https run (e2e/https.spec.ts) gets a certificate made now, once per run: this file is read
// again in every worker, which inherit the environment and so reuse the first one's. Chromium
// trusts that one certificate by its public key's hash and reaches its host name on 127.0.0.1.
if (!process.env.E2E_TLS_SPKI) {
  process.env.E2E_TLS_SPKI = makeTestCertificate(E2E_TLS_DIR, [E2E_HTTPS_HOST]).spkiSha256;
}
const httpsLaunchOptions = {
  ...launchOptions,
  args: [
    ...launchOptions.args,
    `--host-resolver-rules=MAP ${E2E_HTTPS_HOST} 127.0.0.1`,
    `--ignore-certificate-errors-spki-list=${process.env.E2E_TLS_SPKI}`,
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  // Generous: argon2 hashing on every sign-up and sign-in is CPU-bound, and CI machines have 2 cores.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // reports/playwright.json feeds the one-line summary that `.ci/run` prints (scripts/test-summary.mjs).
  reporter: [["list"], ["html", { open: "never" }], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL,
    locale: "en-US",
    timezoneId: "UTC",
    trace: "off",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions,
  },
  projects: [
    {
      name: "desktop",
      testIgnore: /(https|record-page-phone)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions },
    },
    {
      // Phone width: the accessibility check and the record page's phone layout run here; the journeys run once, on desktop. (The
      // screenshot tours, at both widths, are `npm run screenshots`: playwright.screenshots.config.ts.)
      name: "phone",
      testMatch: /(accessibility|record-page-phone)\.spec\.ts/,
      // The accessibility check in English only: what the phone width changes (the menu drawer, the
      // layout) is the same in both languages, and what the language changes (lang, names, text)
      // the desktop project checks in both.
      grepInvert: /\(zh-CN\)$/,
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, launchOptions },
    },
    {
      // The sign-in journeys once more over https, on a server whose APP_URL is https://.
      name: "https",
      testMatch: /https\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, baseURL: E2E_HTTPS_URL, launchOptions: httpsLaunchOptions },
    },
  ],
  webServer: [
    {
      command: "node scripts/e2e-server.mjs",
      url: `${baseURL}/api/health`,
      // The first run builds the app (next build), which takes minutes on a loaded 2-core machine.
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
      // SIGTERM lets the script stop the server and then PostgreSQL cleanly (instead of SIGKILL).
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
    {
      // Started after the first (Playwright starts them in order), on the database it made.
      command: "node scripts/e2e-https-server.mjs",
      // By address: only Chromium resolves the test host name. The certificate is made for the
      // name, not the address, so this readiness check alone ignores the mismatch.
      url: `https://127.0.0.1:${E2E_HTTPS_PORT}/api/health`,
      ignoreHTTPSErrors: true,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    },
  ],
});
