import { expect, test } from "./support/test";
import { PASSWORD, signIn, signOut, signUpWorkspace } from "./support/workspace";
import { totpCode } from "./support/totp";

// A link to a workspace page (in a chat, a bookmark, an email) opened signed out comes back to that
// page, query and all, after signing in, through the second factor too; a next= leading anywhere
// else is ignored. Static files never become workspace addresses.

test("a signed-out deep link returns there after the password, and after the second factor", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const deepLink = `/${workspace.slug}/customers?q=northwind&status=ACTIVE`;

  // Password only.
  await signOut(page, workspace.ownerName);
  await page.goto(deepLink);
  await expect(page).toHaveURL(`/${workspace.slug}/login?next=${encodeURIComponent(deepLink)}`);
  await page.getByLabel("Email or employee number").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(deepLink);

  // Set up an authenticator app, then the same link goes through the second factor.
  await page.goto(`/${workspace.slug}/security`);
  const section = page.getByRole("region", { name: /^Authenticator app/ });
  await section.getByRole("button", { name: "Set up authenticator app" }).click();
  const key = ((await section.getByTestId("totp-key").textContent()) ?? "").replace(/\s/g, "");
  await section.getByLabel("Code from the app").fill(totpCode(key));
  await section.getByRole("button", { name: "Turn on" }).click();
  await page.getByTestId("recovery-codes-panel").getByRole("link", { name: "I've saved them" }).click();

  await signOut(page, workspace.ownerName);
  const opportunity = `/${workspace.slug}/opportunities?view=table`;
  await page.goto(opportunity);
  await expect(page).toHaveURL(`/${workspace.slug}/login?next=${encodeURIComponent(opportunity)}`);
  await page.getByLabel("Email or employee number").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`/${workspace.slug}/login/verify?next=${encodeURIComponent(opportunity)}`);
  // The code the enrolment used is spent: wait for the next one.
  const used = totpCode(key);
  await expect.poll(() => totpCode(key), { timeout: 35_000, intervals: [1_000] }).not.toBe(used);
  await page.getByLabel("Authentication code").fill(totpCode(key));
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page).toHaveURL(opportunity);
});

test("a next= outside the workspace lands on the workspace's home", async ({ page }) => {
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);
  for (const next of ["https://evil.example/", "//evil.example/x", "/demo/customers"]) {
    await page.goto(`/${workspace.slug}/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email or employee number").fill(workspace.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(`/${workspace.slug}`);
    await signOut(page, workspace.ownerName);
  }
  // Signed in already, the login page sends a deep link on at once.
  await signIn(page, workspace.slug, workspace.email, PASSWORD);
  await page.goto(`/${workspace.slug}/login?next=${encodeURIComponent(`/${workspace.slug}/tasks`)}`);
  await expect(page).toHaveURL(`/${workspace.slug}/tasks`);
});

test("the icon is an icon, and a file name is never taken for a workspace", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");
  const svg = await request.get("/icon.svg", { maxRedirects: 0 });
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  const touchIcon = await request.get("/apple-touch-icon.png", { maxRedirects: 0 });
  expect(touchIcon.status()).toBe(404);
  expect(touchIcon.headers().location).toBeUndefined();

  // Pages name the icon, so the browser asks for nothing that 404s.
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon/);
  await page.waitForLoadState("networkidle");
  expect(failed).toEqual([]);
});
