import { expect, type Page } from "@playwright/test";

// The demo workspace that scripts/e2e-server.mjs seeds (lib/demo/demo-workspace.ts, with the CRM
// data of lib/demo/seed-crm.ts).
export const DEMO_SLUG = "demo";
export const DEMO_PASSWORD = "harbour-lantern-quartz";

/** Signs in to the demo workspace as its Manager (who sees every record, whatever the workspace's rule). */
export async function signInDemo(page: Page, email = "manager@demo.relay-crm.test") {
  await page.goto(`/${DEMO_SLUG}/login`);
  await page.getByLabel("Email or employee number").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // argon2 on a busy 2-core machine: give the sign-in time.
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
}
