import type { Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { emailFor, inviteMember, PASSWORD, signOut, signUpWorkspace } from "./support/workspace";
import { totpCode, wrongTotpCode } from "./support/totp";

// The workspace's MFA policy from both sides: an Owner requires a second factor of everyone with no
// grace period; a member signing in with their password is made to set up an authenticator app
// before anything else opens, then signs in with password + code (computed from the enrolled key,
// as an app would), is told precisely when a code is wrong, and "Remember this device" skips the
// code next time; on another device, without the app, a recovery code signs them in instead.

const step = () => Math.floor(Date.now() / 30_000);

async function passwordSignIn(page: Page, slug: string, email: string) {
  await page.goto(`/${slug}/login`);
  await page.getByLabel("Email or employee number").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("required for everyone: forced enrolment, then password + code, wrong code, remembered device, recovery code", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;

  // The Owner requires a second factor of everyone, at once.
  await page.goto(`/${slug}/settings/security`);
  const policy = page.getByRole("region", { name: "Second factors (MFA)" });
  await policy.getByLabel("Required for everyone").check();
  await policy.getByLabel("Grace period").fill("0");
  await expect(policy.getByText("SMS is the weakest second factor")).toBeVisible();
  await policy.getByRole("button", { name: "Save MFA policy" }).click();
  await expect(policy.getByText("MFA policy saved.")).toBeVisible();

  // A member joins (the invitation signs them in, straight to enrolment), then signs out.
  const email = emailFor("mia", slug);
  const invitation = await inviteMember(page, slug, { email, role: "Sales rep" });
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const member = await context.newPage();
  await member.goto(invitation.link);
  await member.getByLabel("Your name").fill("Mia Member");
  await member.getByLabel("Choose a password").fill(PASSWORD);
  await member.getByRole("button", { name: "Join workspace" }).click();
  // Joining is a sign-in like any other: with no grace period, enrolment comes before anything.
  await expect(member).toHaveURL(`/${slug}/login/enrol`);
  await member.getByRole("button", { name: "Sign out and use another account" }).click();
  await expect(member).toHaveURL(new RegExp(`/${slug}/login`));
  await expect(member.getByLabel("Email or employee number")).toBeVisible();

  // Password sign-in: the grace period (0 days) is over, so enrolment comes first…
  await passwordSignIn(member, slug, email);
  await expect(member).toHaveURL(`/${slug}/login/enrol`);
  await expect(member.getByRole("heading", { level: 1, name: "Set up a second factor" })).toBeVisible();
  // …and nothing else opens meanwhile; the page asked for waits as ?next=.
  await member.goto(`/${slug}/security`);
  await expect(member).toHaveURL(`/${slug}/login/enrol?next=${encodeURIComponent(`/${slug}/security`)}`);

  // Every allowed factor is offered, the passkey first; this member picks the authenticator app.
  await member.getByTestId("enrol-choices").getByRole("link", { name: "Authenticator app" }).click();
  await member.getByRole("button", { name: "Set up authenticator app" }).click();
  const key = ((await member.getByTestId("totp-key").textContent()) ?? "").replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await member.getByLabel("Code from the app").fill(totpCode(key));
  const enrolledStep = step();
  await member.getByRole("button", { name: "Turn on" }).click();
  const panel = member.getByTestId("recovery-codes-panel");
  await expect(panel).toBeVisible();
  const recoveryCodes = (await panel.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").allTextContents()).map((text) => text.trim());
  await member.getByTestId("recovery-codes-saved").click();
  // Enrolled: on to the page asked for during enrolment.
  await expect(member).toHaveURL(`/${slug}/security`);
  await expect(member.getByTestId("mfa-grace-banner")).toHaveCount(0);
  await signOut(member, "Mia Member");

  // Password, then the second factor.
  await passwordSignIn(member, slug, email);
  await expect(member).toHaveURL(`/${slug}/login/verify`);
  await expect(member.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  const codeField = member.getByLabel("Authentication code");
  await codeField.fill(wrongTotpCode(key));
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member.getByRole("alert").filter({ hasText: "That code isn't right. Check it and try again." })).toBeVisible();
  await expect(member).toHaveURL(`/${slug}/login/verify`);

  // The enrolment's code (and its step) can't be used again: wait for the next 30-second step.
  await expect.poll(step, { timeout: 35_000, intervals: [500] }).toBeGreaterThan(enrolledStep);
  await codeField.fill(totpCode(key));
  await member.getByLabel("Remember this device for 30 days").check();
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member).toHaveURL(`/${slug}`);

  // The device is listed on the security page…
  await member.goto(`/${slug}/security`);
  await expect(member.getByTestId("remembered-device-row")).toHaveCount(1);
  await expect(member.getByTestId("remembered-device-row").getByText("This device")).toBeVisible();
  await signOut(member, "Mia Member");

  // …and skips the code next time.
  await passwordSignIn(member, slug, email);
  await expect(member).toHaveURL(`/${slug}`);

  // Another device, the app not at hand: one of the recovery codes instead.
  const otherDevice = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const laptop = await otherDevice.newPage();
  await passwordSignIn(laptop, slug, email);
  await expect(laptop).toHaveURL(`/${slug}/login/verify`);
  await laptop.getByRole("link", { name: "Use a recovery code" }).click();
  await laptop.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await laptop.getByRole("button", { name: "Verify" }).click();
  await expect(laptop).toHaveURL(`/${slug}`);
  await otherDevice.close();

  // The audit log has the second factor and the remembered device.
  await page.goto(`/${slug}/audit`);
  await expect(page.getByRole("table").getByText("Second factor given at sign-in").first()).toBeVisible();
  await expect(page.getByRole("table").getByText("Signed in on a remembered device").first()).toBeVisible();
  await context.close();
});
