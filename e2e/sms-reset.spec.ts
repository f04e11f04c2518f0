import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { solveCaptcha } from "./support/captcha";
import { countEmails, readLatestEmail } from "./support/mailbox";
import { readLatestSmsCode, uniqueMobile } from "./support/sms";
import { PASSWORD, signOut, signUpWorkspace } from "./support/workspace";

// Issue 13, item 1: resetting a forgotten password by SMS, codes read on /dev/mailbox. The phone is
// the member's only second factor, so the reset also asks for one more proof (a recovery code here,
// the emailed link in the second test); the admin's switch takes the choice away.

const NEW_PASSWORD = "copper-heron-lattice-93";

/** The Owner verifies a phone on the security page and keeps the recovery codes it brings. */
async function verifyPhone(page: Page, slug: string): Promise<{ e164: string; recoveryCodes: string[] }> {
  await page.goto(`/${slug}/security`);
  const section = page.getByRole("region", { name: /^Phone \(SMS\)/ });
  const mobile = uniqueMobile();
  await section.getByLabel("Mobile number").fill(mobile.typed);
  await section.getByRole("button", { name: "Text me a code" }).click();
  const { code } = await readLatestSmsCode(page, mobile.e164);
  await section.getByLabel("Code from the text message").fill(code);
  await section.getByRole("button", { name: "Verify number" }).click();
  const panel = page.getByTestId("recovery-codes-panel");
  const items = panel.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
  await expect(items).toHaveCount(10);
  const recoveryCodes = (await items.allTextContents()).map((text) => text.trim());
  await panel.getByRole("link", { name: "I've saved them" }).click();
  return { e164: mobile.e164, recoveryCodes };
}

/** From the forgot-password page to the texted code typed back. */
async function askAndTypeCode(page: Page, slug: string, email: string, e164: string, textsBefore: number) {
  await page.goto(`/${slug}/forgot-password`);
  await page.getByTestId("sms-reset-choice").click();
  await expect(page).toHaveURL(`/${slug}/forgot-password/sms`);
  await page.getByLabel("Email or employee number").fill(email);
  await solveCaptcha(page);
  await page.getByRole("button", { name: "Text me a code" }).click();
  await expect(page.getByTestId("sms-code-requested")).toContainText("If the account has a verified phone, we've texted it a 6-digit code.");
  // A new code only after 60 seconds.
  await expect(page.getByRole("button", { name: "Send a new code" })).toBeDisabled();
  const { code, body } = await readLatestSmsCode(page, e164, { atLeast: textsBefore + 1 });
  expect(body).toContain("reset your password");

  const codeField = page.getByLabel("Code from the text message");
  await codeField.fill(String((Number(code) + 1) % 1_000_000).padStart(6, "0"));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That code isn't right. Check the latest text and try again.")).toBeVisible();
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await codeField.fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`/${slug}/forgot-password/sms/new-password`);
}

test("a member whose phone is the only second factor resets the password by SMS with a recovery code, then signs in with it", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  const { e164, recoveryCodes } = await verifyPhone(page, slug);
  await signOut(page, workspace.ownerName);

  await askAndTypeCode(page, slug, workspace.email, e164, 1);
  const proof = page.getByRole("group", { name: "One more proof" });
  await expect(proof).toBeVisible();
  await expect(proof).toContainText("a text alone can't set a new password");

  // Without the extra proof the password is refused, and what was typed stays.
  const passwordField = page.getByLabel("New password", { exact: true });
  await passwordField.fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Also enter a recovery code or a code from your authenticator app")).toBeVisible();
  await expect(passwordField).toHaveValue(NEW_PASSWORD);

  await proof.getByRole("radio", { name: /^A recovery code/ }).check();
  await proof.getByRole("textbox", { name: "A recovery code" }).fill(recoveryCodes[0]!);
  const emailsBefore = await countEmails(page, workspace.email);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/login\\?reason=password-reset`));

  // The "password changed" email went out.
  const notice = await readLatestEmail(page, workspace.email, { atLeast: emailsBefore + 1 });
  expect(notice.subject).toMatch(/password/i);

  // The old password no longer works; the new one does, followed by the second step.
  await page.getByLabel("Email or employee number").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\w/ }).first()).toBeVisible();
  await expect(page).not.toHaveURL(/\/login\/verify/);
  await page.goto(`/${slug}/login`);
  await page.getByLabel("Email or employee number").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/login/verify`));
  await page.getByRole("button", { name: "Text me a code" }).click();
  const { code } = await readLatestSmsCode(page, e164, { atLeast: 3 });
  await page.getByLabel("Code from the text message").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).not.toHaveURL(/\/login/);
});

test("the extra proof can be an emailed link, and the admin's switch takes the choice away", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  const { e164 } = await verifyPhone(page, slug);
  await signOut(page, workspace.ownerName);

  await askAndTypeCode(page, slug, workspace.email, e164, 1);
  const emailInstead = page.getByTestId("sms-reset-email-instead");
  const emailsBefore = await countEmails(page, workspace.email);
  await emailInstead.getByRole("button", { name: "Email me a reset link instead" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We've emailed a reset link to" })).toBeVisible();
  const email = await readLatestEmail(page, workspace.email, { atLeast: emailsBefore + 1 });
  expect(email.links.some((link) => link.includes(`/${slug}/reset-password/`))).toBe(true);
  // The step is over: the password can only be chosen through the emailed link now.
  await page.goto(`/${slug}/forgot-password/sms/new-password`);
  await expect(page.getByTestId("sms-reset-used")).toBeVisible();

  // The Owner turns SMS reset off: the choice is gone and its page too.
  await page.goto(`/${slug}/login`);
  await page.getByLabel("Email or employee number").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Text me a code" }).click();
  const { code } = await readLatestSmsCode(page, e164, { atLeast: 3 });
  await page.getByLabel("Code from the text message").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(`/${slug}/settings/security`);
  const policy = page.getByRole("region", { name: "Second factors (MFA)" });
  await policy.getByLabel("Allow “Text me a code” to reset a forgotten password").uncheck();
  await policy.getByRole("button", { name: "Save MFA policy" }).click();
  await expect(policy.getByText("MFA policy saved.")).toBeVisible();
  await signOut(page, workspace.ownerName);
  await page.goto(`/${slug}/forgot-password`);
  await expect(page.getByRole("button", { name: "Email me a reset link" })).toBeVisible();
  await expect(page.getByTestId("sms-reset-choice")).toHaveCount(0);
  const response = await page.goto(`/${slug}/forgot-password/sms`);
  expect(response?.status()).toBe(404);
});
