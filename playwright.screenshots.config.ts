import { defineConfig } from "@playwright/test";
import e2e from "./playwright.config";

// `npm run screenshots`: the screenshot tours (e2e/screenshots/*.tour.ts) at desktop and phone
// width, on the same production server and browser as the browser tests. They write pictures for
// people to look at (screenshots/, gitignored) and compare nothing, so they are not part of
// `npm test`. The https server only serves e2e/https.spec.ts: the app server is the one needed here.

const project = (name: string) => {
  const found = e2e.projects?.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`playwright.config.ts has no "${name}" project`);
  return { name, use: found.use };
};

const servers = Array.isArray(e2e.webServer) ? e2e.webServer : e2e.webServer ? [e2e.webServer] : [];

export default defineConfig({
  ...e2e,
  testDir: "e2e/screenshots",
  testMatch: "*.tour.ts",
  // Its own folder, so a tour run leaves the last test run's results alone.
  outputDir: "test-results/screenshots",
  reporter: [["list"]],
  projects: [project("desktop"), project("phone")],
  webServer: servers.filter((server) => server.url?.startsWith(String(e2e.use?.baseURL))),
});
