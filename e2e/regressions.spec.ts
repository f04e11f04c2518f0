import { expect, test } from "./support/test";
import { emailFor, inviteMember, PASSWORD, signUpWorkspace } from "./support/workspace";

// Regressions the end-to-end suite once found: a server page reading a client module's export
// (the role picker lost its styling) and the Owner's first sign-in not being recorded.

test("the role picker in a member's row is styled like every other input", async ({ page, browser }) => {
  const workspace = await signUpWorkspace(page);
  const invitation = await inviteMember(page, workspace.slug, { email: emailFor("rita", workspace.slug), role: "Sales rep" });
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(invitation.link);
  await invitee.getByLabel("Your name").fill("Rita Rep");
  await invitee.getByLabel("Choose a password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Join workspace" }).click();
  await expect(invitee).toHaveURL(`/${workspace.slug}`);
  await context.close();

  await page.goto(`/${workspace.slug}/members`);
  const picker = page.getByLabel("Change role of Rita Rep");
  await expect(picker).toBeVisible();
  await expect(picker).not.toHaveAttribute("class", /Attempted to call/);
  // Like the invitation form's own role select: a 1px border and rounded corners.
  await expect(picker).toHaveCSS("border-top-width", "1px");
  await expect(picker).not.toHaveCSS("border-top-left-radius", "0px");
});

test("right after sign-up the Owner's last sign-in is not 'Never'", async ({ page }) => {
  const workspace = await signUpWorkspace(page);
  await page.goto(`/${workspace.slug}/members`);
  const row = page.getByTestId(`member-${workspace.email}`);
  // "Last sign-in" is a term of the row's description list, the date its definition.
  await expect(row).toContainText(/Last sign-in\s*[A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await expect(row).not.toContainText(/Last sign-in\s*Never/);
});
