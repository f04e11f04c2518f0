import type { Browser, Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { countEmails, readLatestEmail } from "./support/mailbox";
import { signIn, signOut, signUpWorkspace } from "./support/workspace";

// The intruder's run from the review, played exactly: someone with the member's password signs in
// from a new browser (the member gets the "new sign-in" email), registers a passkey of their own
// in that session, and the member confirms "this wasn't me". The intruder's passkey must not sign
// them back in, nothing they added survives, and the audit log tells no false story of a copied
// passkey. The member gets back in through the reset link emailed to them.

/** A browser of its own, from another address, as the intruder's would be. */
async function intruderBrowser(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { context, page };
}

/** Every passkey verification the page sends, to see that one click sends one. */
function countVerifications(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on("request", (request) => {
    if (request.method() === "POST" && /\/passkeys\/sign-in\/verify$/.test(request.url())) seen.count += 1;
  });
  return seen;
}

test("\"this wasn't me\" evicts an intruder who added a passkey: it can't sign them back in", async ({ page, browser, baseURL }) => {
  const workspace = await signUpWorkspace(page);
  // The member's own browser becomes a known device with a normal sign-in.
  await signOut(page, workspace.ownerName);
  await signIn(page, workspace.slug, workspace.email, workspace.password);

  // The intruder signs in from elsewhere and adds a passkey.
  const emailsBefore = await countEmails(page, workspace.email);
  const intruder = await intruderBrowser(browser, baseURL!);
  await signIn(intruder.page, workspace.slug, workspace.email, workspace.password);
  await intruder.page.goto(`/${workspace.slug}/security`);
  const section = intruder.page.getByTestId("passkeys-section");
  await section.getByLabel("Passkey name").fill("Intruder key");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toContainText("Passkey “Intruder key” added.");

  // The member opens "this wasn't me" from the new-sign-in email and confirms.
  const alert = await readLatestEmail(page, workspace.email, { atLeast: emailsBefore + 1 });
  expect(alert.subject).toContain("New sign-in");
  const notMe = alert.links.find((link) => link.includes(`/${workspace.slug}/not-me/`));
  expect(notMe, JSON.stringify(alert)).toBeTruthy();
  await page.goto(notMe!);
  await page.getByRole("button", { name: "Secure my account" }).click();
  await expect(page.getByTestId("not-me-removed")).toContainText("Passkey “Intruder key”");
  await expect(page.getByTestId("not-me-done")).toBeVisible();

  // The intruder's session is over...
  await intruder.page.goto(`/${workspace.slug}/customers`);
  await expect(intruder.page).toHaveURL(new RegExp(`/${workspace.slug}/login`));

  // ...and their passkey doesn't open a new one. Chromium's virtual authenticator answers the login
  // page's autofill request by itself, with nobody picking anything; that request is held here,
  // as if the person never picked from the list, and the button's own request goes through.
  // (about:blank first: the login page the redirect above landed on has an autofill request of its own.)
  await intruder.page.goto("about:blank");
  const verifications = countVerifications(intruder.page);
  let autofillHeld = false;
  await intruder.page.route(/\/passkeys\/sign-in\/options$/, async (route) => {
    if (!autofillHeld) {
      autofillHeld = true;
      return;
    }
    await route.continue();
  });
  await intruder.page.goto(`/${workspace.slug}/login`);
  await expect.poll(() => autofillHeld).toBe(true);
  await intruder.page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(intruder.page.getByTestId("passkey-sign-in").getByRole("alert")).toContainText("isn't registered");
  await expect(intruder.page).toHaveURL(new RegExp(`/${workspace.slug}/login`));
  expect(verifications.count).toBe(1);
  await intruder.page.goto(`/${workspace.slug}/customers`);
  await expect(intruder.page).toHaveURL(new RegExp(`/${workspace.slug}/login`));
  // Nor does the password they know.
  await intruder.page.getByLabel("Email or employee number").fill(workspace.email);
  await intruder.page.getByLabel("Password", { exact: true }).fill(workspace.password);
  await intruder.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(intruder.page.getByText("For your security you need to set a new password before signing in.")).toBeVisible();
  await intruder.context.close();

  // The member resets through the emailed link, signs in, and reads the audit log.
  const reset = await readLatestEmail(page, workspace.email);
  expect(reset.subject).toContain("Reset your password");
  const resetLink = reset.links.find((link) => link.includes(`/${workspace.slug}/reset-password/`));
  await page.goto(resetLink!);
  const newPassword = "granite-harbour-lantern-88";
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspace.slug}/login\\?reason=password-reset`));
  await signIn(page, workspace.slug, workspace.email, newPassword);
  await page.goto(`/${workspace.slug}/security`);
  await expect(page.getByTestId("passkeys-section").getByText("You don't have a passkey yet.")).toBeVisible();
  await page.goto(`/${workspace.slug}/audit`);
  // The events table (the filter above it lists every event type, "possible copy" included).
  const log = page.locator("table");
  await expect(log).toContainText("Reported “this wasn't me”");
  await expect(log).toContainText("Passkey deleted");
  await expect(log).not.toContainText("possible copy");
});
