import type { Browser, CDPSession, Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { readLatestEmailCode } from "./support/mailbox";
import { readLatestSmsCode, uniqueMobile } from "./support/sms";
import { emailFor, inviteMember, PASSWORD, signOut, signUpWorkspace } from "./support/workspace";

// Issue 13's second factors end to end: a code by email as the second step (turned on by the
// workspace, then by the member, codes read on /dev/mailbox), forced enrolment choosing a passkey
// (Chromium's virtual authenticator) or a phone (the SMS outbox), and the recovery codes that come
// with a first passkey on the security page.

async function addVirtualAuthenticator(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return cdp;
}

async function passwordSignIn(page: Page, slug: string, email: string) {
  await page.goto(`/${slug}/login`);
  await page.getByLabel("Email or employee number").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The Owner saves the MFA policy with the given boxes ticked (labels as on the page). */
async function savePolicy(page: Page, slug: string, changes: { check?: string[]; uncheck?: string[]; requireEveryone?: boolean }) {
  await page.goto(`/${slug}/settings/security`);
  const policy = page.getByRole("region", { name: "Second factors (MFA)" });
  if (changes.requireEveryone) {
    await policy.getByLabel("Required for everyone").check();
    await policy.getByLabel("Grace period").fill("0");
  }
  for (const label of changes.check ?? []) await policy.getByLabel(label, { exact: true }).check();
  for (const label of changes.uncheck ?? []) await policy.getByLabel(label, { exact: true }).uncheck();
  await policy.getByRole("button", { name: "Save MFA policy" }).click();
  await expect(policy.getByText("MFA policy saved.")).toBeVisible();
}

/** A sales rep joins through an invitation in a browser of their own. */
async function join(owner: Page, browser: Browser, slug: string, local: string): Promise<{ member: Page; email: string }> {
  const email = emailFor(local, slug);
  const invitation = await inviteMember(owner, slug, { email, role: "Sales rep" });
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const member = await context.newPage();
  await member.goto(invitation.link);
  await member.getByLabel("Your name").fill(`${local} Member`);
  await member.getByLabel("Choose a password").fill(PASSWORD);
  await member.getByRole("button", { name: "Join workspace" }).click();
  await expect(member).not.toHaveURL(/\/invite\//);
  return { member, email };
}

async function saveRecoveryCodes(page: Page): Promise<string[]> {
  const panel = page.getByTestId("recovery-codes-panel");
  await expect(panel.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const codes = await panel.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  await panel.getByRole("link", { name: "I've saved them" }).click();
  return codes.map((code) => code.trim());
}

test("a code by email as the second step: turned on by the workspace and the member, then asked for at sign-in", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  await savePolicy(page, slug, { check: ["Code by email"] });
  const { member, email } = await join(page, browser, slug, "erin");

  // The member turns codes by email on: the code from the mailbox proves the mail arrives.
  await member.goto(`/${slug}/security`);
  const section = member.getByTestId("mfa-email-code");
  await expect(section).toContainText("It doesn't count as two-step sign-in for Owners and Admins.");
  await section.getByRole("button", { name: "Email me a code to turn it on" }).click();
  await expect(section.getByText(`We emailed a 6-digit code to ${email}.`)).toBeVisible();
  // No email provider here: the "code sent" screen links the mailbox page, as every such screen does.
  await expect(section.getByTestId("mailbox-notice")).toBeVisible();
  const enableCode = await readLatestEmailCode(member, email);
  await section.getByLabel("Code from the email").fill(String((Number(enableCode) + 1) % 1_000_000).padStart(6, "0"));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByText("That code isn't right. Check the latest email.")).toBeVisible();
  await section.getByLabel("Code from the email").fill(enableCode);
  await section.getByRole("button", { name: "Turn on" }).click();
  // Its first second factor: recovery codes, once.
  await saveRecoveryCodes(member);
  await expect(member.getByTestId("email-code-status")).toContainText("On since");
  await expect(member.getByTestId("checklist-two-step")).toHaveAttribute("data-done", "true");

  // Password sign-in now asks for the emailed code; a wrong one is refused, the right one lets in.
  await signOut(member, "erin Member");
  await passwordSignIn(member, slug, email);
  await expect(member).toHaveURL(new RegExp(`/${slug}/login/verify`));
  await expect(member.getByText("We'll email a 6-digit code to your address.")).toBeVisible();
  await member.getByLabel("Code from the email").fill("000000");
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member.getByText("No code is waiting for you. Use “Email me a code” first.")).toBeVisible();
  await member.getByRole("button", { name: "Email me a code" }).click();
  await expect(member.getByText(`Code sent to ${email}.`)).toBeVisible();
  const signInCode = await readLatestEmailCode(member, email, { atLeast: 2 });
  await member.getByLabel("Code from the email").fill(String((Number(signInCode) + 1) % 1_000_000).padStart(6, "0"));
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member.getByText("That code isn't right. Check it and try again.")).toBeVisible();
  await member.getByLabel("Code from the email").fill(signInCode);
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member).toHaveURL(`/${slug}`);
});

test("forced enrolment offers every allowed factor; a member chooses a passkey and gets recovery codes", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  await savePolicy(page, slug, { requireEveryone: true, check: ["Code by email"] });
  const { member } = await join(page, browser, slug, "pia");
  await expect(member).toHaveURL(`/${slug}/login/enrol`);

  // Every factor the policy allows, strongest first.
  await expect(member.getByTestId("enrol-choices").getByRole("link")).toHaveText(["Passkey", "Authenticator app", "Text messages", "Codes by email"]);
  await addVirtualAuthenticator(member);
  const enrol = member.getByTestId("enrol-passkey");
  await enrol.getByLabel("Passkey name").fill("Pia's laptop");
  await enrol.getByRole("button", { name: "Add a passkey" }).click();
  await saveRecoveryCodes(member);
  await expect(member).toHaveURL(`/${slug}`);
  await member.goto(`/${slug}/security`);
  await expect(member.getByTestId("passkey-name")).toHaveText(["Pia's laptop"]);
  await expect(member.getByTestId("checklist-recovery-codes")).toContainText("10 recovery codes left");
});

test("forced enrolment: a member without an authenticator app chooses text messages", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  await savePolicy(page, slug, { requireEveryone: true });
  const { member } = await join(page, browser, slug, "sid");
  await expect(member).toHaveURL(`/${slug}/login/enrol`);

  await member.getByTestId("enrol-choices").getByRole("link", { name: "Text messages" }).click();
  const mobile = uniqueMobile();
  const enrol = member.getByTestId("enrol-sms");
  await enrol.getByLabel("Mobile number").fill(mobile.typed);
  await enrol.getByRole("button", { name: "Text me a code" }).click();
  const { code } = await readLatestSmsCode(member, mobile.e164);
  await enrol.getByLabel("Code from the text message").fill(code);
  await enrol.getByRole("button", { name: "Verify number" }).click();
  await saveRecoveryCodes(member);
  await expect(member).toHaveURL(`/${slug}`);
  await member.goto(`/${slug}/security`);
  await expect(member.getByTestId("phone-status")).toContainText("138");
});

test("a first passkey added on the security page comes with recovery codes, shown once", async ({ page }) => {
  test.setTimeout(120_000);
  const workspace = await signUpWorkspace(page);
  await addVirtualAuthenticator(page);
  await page.goto(`/${workspace.slug}/security`);
  await expect(page.getByTestId("passkey-both-steps")).toContainText("A passkey is both steps in one");
  await expect(page.getByTestId("checklist-passkey")).toHaveAttribute("data-done", "false");
  const section = page.getByTestId("passkeys-section");
  await section.getByLabel("Passkey name").fill("Desk key");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toContainText("Passkey “Desk key” added.");
  const codes = await saveRecoveryCodes(page);
  await expect(section.getByTestId("recovery-codes-panel")).toBeHidden();
  await expect(page.getByTestId("checklist-passkey")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("checklist-recovery-codes")).toContainText("10 recovery codes left");
  await expect(section.getByTestId("passkey-name")).toHaveText(["Desk key"]);
  await page.reload();
  await expect(page.getByText(codes[0]!)).toHaveCount(0);
});
