import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

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
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions },
    },
    {
      // Phone width: only the screenshot tour runs here; the journeys run once, on desktop.
      name: "phone",
      testMatch: /screenshots\.spec\.ts/,
      use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, launchOptions },
    },
  ],
  webServer: {
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
});
