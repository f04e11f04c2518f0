import { expect, test } from "./support/test";
import { DEMO_PASSWORD, DEMO_SLUG } from "./support/demo";

// The public forms work without JavaScript (progressive enhancement): a submission is answered
// with the page and its message. A server action bound inside a client component instead made the
// server loop on such a request and never answer (vercel/next.js#98045), which anyone could
// trigger on the sign-in page; the actions are now bound in server components.

test.use({ javaScriptEnabled: false });

test("sign-in without JavaScript: a wrong password gets its message and keeps the username, the right one signs in", async ({ page }) => {
  await page.goto(`/${DEMO_SLUG}/login`);
  await page.getByLabel("Email or employee number").fill("manager@demo.relay-crm.test");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click({ timeout: 30_000 });
  await expect(page.getByRole("alert").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Email or employee number")).toHaveValue("manager@demo.relay-crm.test");
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click({ timeout: 60_000 });
  await expect(page).not.toHaveURL(/\/login/, { timeout: 60_000 });
});

test("forgot password without JavaScript: the request is answered", async ({ page }) => {
  await page.goto(`/${DEMO_SLUG}/forgot-password`);
  await page.getByLabel("Email or employee number").fill("rep@demo.relay-crm.test");
  await page.getByRole("button", { name: "Email me a reset link" }).click({ timeout: 30_000 });
  await expect(page.getByTestId("reset-requested").or(page.getByRole("alert").first())).toBeVisible({ timeout: 30_000 });
});
