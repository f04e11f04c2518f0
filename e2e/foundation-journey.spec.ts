import { expect, test } from "./support/test";
import { readLatestEmail } from "./support/mailbox";
import { emailFor, inviteMember, newWorkspace, PASSWORD, signIn, signOut, signUpWorkspace } from "./support/workspace";

// The first thing every customer does: create a workspace, sign out and in again, invite a
// colleague who joins from the email, and take that colleague's access away again.

const INVALID_CREDENTIALS = "That username and password don't match. Check both and try again.";

test("sign up, sign out and in, invite a member who joins, deactivate them", async ({ page: admin, browser, clientIp }) => {
  test.setTimeout(180_000);
  // Sign-up lands on the new workspace's home, signed in as its Owner.
  const workspace = await signUpWorkspace(admin);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${workspace.ownerName}`);
  await expect(admin.getByText(`You're signed in to ${workspace.companyName} as Owner.`)).toBeVisible();
  await expect(admin.getByText(`http://localhost:3100/${workspace.slug}/login`)).toBeVisible();

  // Sign out from the account menu: back on the workspace's own login page, with a notice.
  await signOut(admin, workspace.ownerName);
  await expect(admin).toHaveURL(`/${workspace.slug}/login?reason=signed-out`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Sign in to ${workspace.companyName}`);
  await expect(admin.getByText("You have been signed out.")).toBeVisible();
  // The session is really over: the home page now asks for a sign-in.
  await admin.goto(`/${workspace.slug}`);
  await expect(admin).toHaveURL(new RegExp(`/${workspace.slug}/login`));

  // Usernames are case-insensitive: the email in capitals signs in.
  await signIn(admin, workspace.slug, workspace.email.toUpperCase(), workspace.password);
  await expect(admin).toHaveURL(`/${workspace.slug}`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${workspace.ownerName}`);
  // The previous sign-in (the sign-up) is shown with the address it came from.
  await expect(admin.getByText("Your previous sign-in").locator("..")).toContainText(` · ${clientIp}`);

  // Invite a Manager with an employee number; the invitation email is in the outbox.
  const memberEmail = emailFor("mia", workspace.slug);
  const employeeNumber = `MGR-${workspace.slug.slice(-4).toUpperCase()}`;
  const invitation = await inviteMember(admin, workspace.slug, { email: memberEmail, role: "Manager", employeeNumber });
  await expect(admin.getByTestId(`invitation-${memberEmail}`)).toContainText("Manager");
  await expect(admin.getByTestId(`invitation-${memberEmail}`)).toContainText(`Invited by ${workspace.ownerName}`);
  const email = await readLatestEmail(admin, memberEmail);
  expect(email.to).toBe(memberEmail);
  expect(email.subject).toBe(`${workspace.ownerName} invited you to join ${workspace.companyName} on Relay CRM`);
  expect(invitation.link).toMatch(new RegExp(`^http://localhost:3100/${workspace.slug}/invite/[A-Za-z0-9_-]{20,}$`));

  // The invitee opens the link in their own browser and sets a name and password.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(invitation.link);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(`Join ${workspace.companyName}`);
  await expect(member.getByText("You've been invited as Manager.")).toBeVisible();
  await expect(member.getByText(memberEmail, { exact: true })).toBeVisible();
  await member.getByLabel("Your name").fill("Mia Member");
  await member.getByLabel("Choose a password").fill(PASSWORD);
  await member.getByRole("button", { name: "Join workspace" }).click();
  await expect(member).toHaveURL(`/${workspace.slug}`);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Welcome, Mia Member");
  await expect(member.getByText(`You're signed in to ${workspace.companyName} as Manager.`)).toBeVisible();

  // The link worked once; now it says so.
  const usedPage = await memberContext.newPage();
  await usedPage.goto(invitation.link);
  await expect(usedPage.getByTestId("invitation-used")).toBeVisible();
  await expect(usedPage.getByRole("heading", { level: 1 })).toHaveText("This invitation has already been used");
  await expect(usedPage.getByLabel("Choose a password")).toHaveCount(0);
  await usedPage.close();

  // The member signs out and back in with the employee number instead of the email.
  await signOut(member, "Mia Member");
  await expect(member).toHaveURL(`/${workspace.slug}/login?reason=signed-out`);
  await signIn(member, workspace.slug, employeeNumber, PASSWORD);
  await expect(member).toHaveURL(`/${workspace.slug}`);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Welcome, Mia Member");

  // The Owner sees the new member and deactivates them (after confirming).
  await admin.goto(`/${workspace.slug}/members`);
  const row = admin.getByTestId(`member-${memberEmail}`);
  await expect(row).toContainText("Mia Member");
  await expect(row).toContainText(`Employee number: ${employeeNumber}`);
  await expect(row).toContainText("Active");
  await expect(admin.getByTestId(`invitation-${memberEmail}`)).toHaveCount(0);
  // The dialog says what will happen; Escape (or Cancel) changes nothing.
  const deactivate = row.getByRole("button", { name: "Deactivate Mia Member" });
  await deactivate.click();
  const dialog = admin.getByRole("dialog", { name: "Deactivate Mia Member?" });
  await expect(dialog).toContainText("Mia Member is signed out on every device now and can't sign in again until an Owner or Admin reactivates them.");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await admin.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(deactivate).toBeFocused();
  await expect(row).toContainText("Active");
  await deactivate.click();
  await dialog.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(row.getByRole("status")).toHaveText("Member deactivated and signed out everywhere.");
  await expect(row).toContainText("Deactivated");

  // The member's very next click ends on the login page: their session is gone.
  await member.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Members" }).click();
  await expect(member).toHaveURL(new RegExp(`/${workspace.slug}/login`));
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(`Sign in to ${workspace.companyName}`);
  await member.goto(`/${workspace.slug}/profile`);
  await expect(member).toHaveURL(new RegExp(`/${workspace.slug}/login`));

  // And the right password no longer signs them in, with the same answer as a wrong one.
  await member.getByLabel("Email or employee number").fill(memberEmail);
  await member.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member.getByRole("alert").filter({ hasText: INVALID_CREDENTIALS })).toBeVisible();
  await expect(member).toHaveURL(new RegExp(`/${workspace.slug}/login`));

  await memberContext.close();
});

test("a wrong password and an unknown username get the same answer", async ({ page, browser }) => {
  const workspace = await signUpWorkspace(page);
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`/${workspace.slug}/login`);

  const username = visitor.getByLabel("Email or employee number");
  const password = visitor.getByLabel("Password", { exact: true });
  const submit = visitor.getByRole("button", { name: "Sign in", exact: true });
  const error = visitor.getByRole("alert").filter({ hasText: INVALID_CREDENTIALS });

  await username.fill(workspace.email);
  await password.fill(`${workspace.password}!`);
  await submit.click();
  await expect(error).toBeVisible();
  await expect(visitor).toHaveURL(`/${workspace.slug}/login`);
  // What was typed as the username stays; the password does not come back.
  await expect(username).toHaveValue(workspace.email);

  await username.fill(emailFor("nobody", workspace.slug));
  await password.fill(workspace.password);
  await submit.click();
  await expect(error).toBeVisible();
  await expect(username).toHaveValue(emailFor("nobody", workspace.slug));
  await expect(visitor).toHaveURL(`/${workspace.slug}/login`);

  // The Owner's email in another workspace is unknown here too: accounts belong to one workspace.
  const other = newWorkspace();
  const otherPage = await context.newPage();
  await signUpWorkspace(otherPage, other);
  await otherPage.close();
  await visitor.goto(`/${workspace.slug}/login`);
  await username.fill(other.email);
  await password.fill(other.password);
  await submit.click();
  await expect(error).toBeVisible();
  await expect(visitor).toHaveURL(`/${workspace.slug}/login`);

  await context.close();
});
