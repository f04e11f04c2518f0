import type { Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { solveCaptcha } from "./support/captcha";
import { emailFor, inviteMember, PASSWORD, signIn, signOut, signUpWorkspace } from "./support/workspace";

// What a member meets when sign-in goes wrong, and what an admin can do about it.

const WRONG = "definitely-not-my-password";

/** Submits the sign-in form, solving the captcha whenever the page asks for one. */
async function attemptSignIn(page: Page, username: string, password: string) {
  await page.getByLabel("Email or employee number").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  // The "Security check" group appears as soon as the server asks for it, before the widget loads.
  if (await page.getByRole("group", { name: "Security check" }).isVisible()) await solveCaptcha(page);
  // Wait for this attempt's answer, so the next one sees what the server asked for (a captcha).
  const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/login"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
  const button = page.getByRole("button", { name: "Sign in", exact: true });
  // Either the form is ready again with the answer shown, or the sign-in moved on to another page.
  await expect.poll(async () => !page.url().includes("/login") || (await button.isEnabled().catch(() => false)), { timeout: 30_000 }).toBe(true);
}

/** Signs in with the right password; from an address with many recent failures the captcha is asked for first. */
async function signInAfterFailures(page: Page, username: string, password: string) {
  await attemptSignIn(page, username, password);
  if (page.url().includes("/login") && (await page.getByRole("group", { name: "Security check" }).isVisible())) {
    await attemptSignIn(page, username, password);
  }
}

/** Ten wrong passwords in a row, the way a person (or a bot that solves captchas) would type them. */
async function lockOut(page: Page, slug: string, username: string) {
  await page.goto(`/${slug}/login`);
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await attemptSignIn(page, username, WRONG);
    const expected = attempt < 10 ? /don't match/ : /Too many attempts\. Sign-in for this username is locked until/;
    await expect(page.getByRole("alert").filter({ hasText: expected })).toBeVisible();
  }
}

/** The newest email to `to` whose subject matches, from the development mailbox. */
async function latestEmail(page: Page, to: string, subject: RegExp) {
  const mailbox = await page.context().newPage();
  try {
    const message = mailbox.getByTestId("mailbox-message").filter({ has: mailbox.getByTestId("mailbox-subject").filter({ hasText: subject }) }).first();
    await expect(async () => {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
      await expect(message).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    return await message.getByTestId("mailbox-link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  } finally {
    await mailbox.close();
  }
}

async function newVisitor(page: Page) {
  const context = await page.context().browser()!.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  return { context, page: await context.newPage() };
}

async function joinAsMember(owner: Page, slug: string, name: string) {
  const email = emailFor(name.toLowerCase().split(" ")[0], slug);
  const invitation = await inviteMember(owner, slug, { email, role: "Sales rep" });
  const member = await newVisitor(owner);
  await member.page.goto(invitation.link);
  await member.page.getByLabel("Your name").fill(name);
  await member.page.getByLabel("Choose a password").fill(PASSWORD);
  await member.page.getByRole("button", { name: "Join workspace" }).click();
  await expect(member.page).toHaveURL(`/${slug}`);
  await signOut(member.page, name);
  return { ...member, email };
}

test("a locked-out user gets back in through the emailed reset link", async ({ page }) => {
  test.setTimeout(240_000);
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);

  await lockOut(page, workspace.slug, workspace.email);
  // Even the right password is refused while locked, with the same message.
  await attemptSignIn(page, workspace.email, workspace.password);
  await expect(page.getByRole("alert").filter({ hasText: /locked until/ })).toBeVisible();
  // The real owner was told, with a way back in.
  expect(await latestEmail(page, workspace.email, /was locked after failed attempts/)).toContainEqual(
    expect.stringContaining(`/${workspace.slug}/forgot-password`),
  );

  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email or employee number").fill(workspace.email.toUpperCase());
  await solveCaptcha(page);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText("If an account matches, we've emailed a link")).toBeVisible();

  const [resetLink] = (await latestEmail(page, workspace.email, /Reset your password/)).filter((url) => url.includes("/reset-password/"));
  await page.goto(resetLink);
  const newPassword = "copper-kettle-whistles-88";
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(new RegExp(`/${workspace.slug}/login\\?reason=password-reset`));
  await expect(page.getByText("Your password was changed. Sign in with your new password.")).toBeVisible();

  // The reset lifted the lock; the old password is gone, the new one works.
  await signInAfterFailures(page, workspace.email, newPassword);
  await expect(page).toHaveURL(`/${workspace.slug}`);
  // The link worked once.
  await page.goto(resetLink);
  await expect(page.getByText("This link has already been used")).toBeVisible();
});

test("after an admin tightens the policy, a member must change their password at the next sign-in", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const member = await joinAsMember(page, workspace.slug, "Mina Member");

  await page.goto(`/${workspace.slug}/settings/security`);
  await page.getByRole("radio", { name: "Classic complexity" }).check();
  await page.getByRole("button", { name: "Save password policy" }).click();
  await expect(page.getByText("Password policy saved.")).toBeVisible();

  await signIn(member.page, workspace.slug, member.email, PASSWORD);
  await expect(member.page).toHaveURL(`/${workspace.slug}/change-password`);
  await expect(member.page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  // Nothing else opens until the password is changed (the page asked for waits as ?next=).
  await member.page.goto(`/${workspace.slug}/members`);
  await expect(member.page).toHaveURL(`/${workspace.slug}/change-password?next=${encodeURIComponent(`/${workspace.slug}/members`)}`);

  // Every unmet rule is listed at once.
  await member.page.getByLabel("New password").fill("lowercase only words here");
  await member.page.getByRole("button", { name: "Save and continue" }).click();
  const problems = member.page.getByTestId("password-problems");
  await expect(problems).toContainText("Include a capital letter.");
  await expect(problems).toContainText("Include a digit.");

  await member.page.getByLabel("New password").fill("Quiet-Harbour-Lantern-97");
  await member.page.getByRole("button", { name: "Save and continue" }).click();
  // Changed: on to the page asked for meanwhile.
  await expect(member.page).toHaveURL(`/${workspace.slug}/members`);
  await member.context.close();
});

test("an admin sees a locked member and unlocks them", async ({ page }) => {
  test.setTimeout(240_000);
  const workspace = await signUpWorkspace(page);
  const member = await joinAsMember(page, workspace.slug, "Lou Locked");

  await lockOut(member.page, workspace.slug, member.email);

  await page.goto(`/${workspace.slug}/members`);
  const row = page.getByTestId(`member-${member.email}`);
  await expect(row.getByTestId("locked-badge")).toContainText("Locked until");
  await row.getByRole("button", { name: "Unlock Lou Locked" }).click();
  const dialog = page.getByRole("dialog", { name: "Unlock Lou Locked?" });
  await expect(dialog).toContainText("the next sign-in with the right password works");
  await dialog.getByRole("button", { name: "Unlock" }).click();
  // The badge and the button go as soon as the lock is lifted, and stay gone.
  await expect(row.getByTestId("locked-badge")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`member-${member.email}`).getByTestId("locked-badge")).toHaveCount(0);

  await member.page.goto(`/${workspace.slug}/login`);
  await signInAfterFailures(member.page, member.email, PASSWORD);
  await expect(member.page).toHaveURL(`/${workspace.slug}`);
  await member.context.close();
});
