import { expect, test } from "../support/test";
import { camera, newVisitor } from "../support/screenshots";
import { emailFor, inviteMember, PASSWORD, signOut, signUpWorkspace } from "../support/workspace";
import { totpCode, wrongTotpCode } from "../support/totp";

// Pictures of the MFA policy pages: the policy section of the security settings, the
// forced-enrolment page and the second-factor step with a wrong code (e2e/support/screenshots.ts
// says how and where).

test("MFA policy screenshots", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "mfa-policy");

  const workspace = await signUpWorkspace(page, { companyName: "Northwind Traders", ownerName: "Olivia Owner" });
  const slug = workspace.slug;
  await page.goto(`/${slug}/settings/security`);
  const policy = page.getByRole("region", { name: "Second factors (MFA)" });
  await policy.getByLabel("Required for everyone").check();
  await policy.getByLabel("Grace period").fill("0");
  await policy.getByRole("button", { name: "Save MFA policy" }).click();
  await expect(policy.getByText("MFA policy saved.")).toBeVisible();
  await shoot(policy, "policy-section");

  const email = emailFor("mia", slug);
  const invitation = await inviteMember(page, slug, { email, role: "Sales rep" });
  const member = await newVisitor(browser);
  await member.goto(invitation.link);
  await member.getByLabel("Your name").fill("Mia Member");
  await member.getByLabel("Choose a password").fill(PASSWORD);
  await member.getByRole("button", { name: "Join workspace" }).click();
  // Joining is a sign-in like any other: with no grace period, enrolment comes before anything.
  await expect(member).toHaveURL(`/${slug}/login/enrol`);
  await member.getByRole("button", { name: "Sign out and use another account" }).click();
  await expect(member).toHaveURL(new RegExp(`/${slug}/login`));
  await expect(member.getByLabel("Email or employee number")).toBeVisible();

  const signInWithPassword = async () => {
    await member.goto(`/${slug}/login`);
    await member.getByLabel("Email or employee number").fill(email);
    await member.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await member.getByRole("button", { name: "Sign in", exact: true }).click();
  };
  await signInWithPassword();
  await expect(member).toHaveURL(`/${slug}/login/enrol`);
  // Every allowed factor is offered, the passkey first; this member picks the authenticator app.
  await member.getByTestId("enrol-choices").getByRole("link", { name: "Authenticator app" }).click();
  await member.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(member.getByTestId("totp-key")).toBeVisible();
  await shoot(member, "enrol");
  const key = ((await member.getByTestId("totp-key").textContent()) ?? "").replace(/\s/g, "");
  await member.getByLabel("Code from the app").fill(totpCode(key));
  await member.getByRole("button", { name: "Turn on" }).click();
  await member.getByTestId("recovery-codes-saved").click();
  await expect(member).toHaveURL(`/${slug}`);
  await signOut(member, "Mia Member");

  await signInWithPassword();
  await expect(member).toHaveURL(`/${slug}/login/verify`);
  await shoot(member, "verify");
  await member.getByLabel("Authentication code").fill(wrongTotpCode(key));
  await member.getByRole("button", { name: "Verify" }).click();
  await expect(member.getByText("That code isn't right. Check it and try again.")).toBeVisible();
  await shoot(member, "verify-wrong-code");
  await member.getByRole("link", { name: "Use a recovery code" }).click();
  await expect(member.getByLabel("Recovery code")).toBeVisible();
  await shoot(member, "verify-recovery-code");
  await member.context().close();
});
