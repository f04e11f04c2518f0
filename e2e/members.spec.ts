import type { Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { emailFor, inviteMember, PASSWORD, signUpWorkspace } from "./support/workspace";

// The members page: search and filters kept in the URL, each member's second factors, employee
// numbers as typed, and a dialog that says what will happen before any destructive row action.

async function join(owner: Page, slug: string, name: string, role: string, employeeNumber?: string): Promise<{ page: Page; email: string }> {
  const email = emailFor(name.toLowerCase().split(" ")[0]!, slug);
  const invitation = await inviteMember(owner, slug, { email, role, employeeNumber });
  const context = await owner.context().browser()!.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const page = await context.newPage();
  await page.goto(invitation.link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Join workspace" }).click();
  await expect(page).toHaveURL(`/${slug}`);
  return { page, email };
}

test("members are searched and filtered from the URL, with their second factors and employee numbers as typed", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const mia = await join(page, workspace.slug, "Mia Manager", "Manager", "E2001");
  const sam = await join(page, workspace.slug, "Sam Seller", "Sales rep");

  await page.goto(`/${workspace.slug}/members`);
  const list = page.getByTestId("member-list");
  await expect(page.getByTestId("member-count")).toHaveText("3 members");
  const miaRow = page.getByTestId(`member-${mia.email}`);
  await expect(miaRow).toContainText("Employee number: E2001");
  await expect(miaRow.getByTestId("member-factors")).toHaveText("None");

  // Inviting someone who is already a member is refused, and the message says why.
  await page.getByLabel("Email", { exact: true }).fill(mia.email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("This person is already a member of the workspace.")).toBeVisible();

  // Search by employee number in another case; the URL keeps it through a reload.
  const filters = page.getByRole("search", { name: "Search and filter members" });
  await filters.getByLabel("Search").fill("e2001");
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=e2001/);
  await expect(page.getByTestId("member-count")).toHaveText("1 member");
  await expect(list.getByRole("listitem").filter({ hasText: "Mia Manager" })).toHaveCount(1);
  await expect(page.getByTestId(`member-${sam.email}`)).toHaveCount(0);
  await page.reload();
  await expect(filters.getByLabel("Search")).toHaveValue("e2001");
  await expect(page.getByTestId("member-count")).toHaveText("1 member");

  // Role and status filters, cleared in one click.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(`/${workspace.slug}/members`);
  await filters.getByLabel("Role").selectOption({ label: "Sales rep" });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]role=sales_rep/);
  await expect(page.getByTestId(`member-${sam.email}`)).toBeVisible();
  await expect(page.getByTestId("member-count")).toHaveText("1 member");
  await filters.getByLabel("Status", { exact: true }).selectOption({ label: "Deactivated" });
  await filters.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("member-count")).toHaveText("No members");
  await expect(page.getByText("No members match this search.")).toBeVisible();

  // A filter the page doesn't know is named, and the rest still applies.
  await page.goto(`/${workspace.slug}/members?role=boss&status=active`);
  await expect(page.getByText("Part of this link couldn't be used and was left out (role)")).toBeVisible();
  await expect(page.getByTestId("member-count")).toHaveText("3 members");

  await mia.page.context().close();
  await sam.page.context().close();
});

test("every destructive row action asks first in a dialog that says what will happen", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const sam = await join(page, workspace.slug, "Sam Seller", "Sales rep");
  const pending = emailFor("pat", workspace.slug);
  await inviteMember(page, workspace.slug, { email: pending, role: "Read-only" });

  await page.goto(`/${workspace.slug}/members`);
  const row = page.getByTestId(`member-${sam.email}`);

  // Cancel changes nothing: Sam is still signed in.
  await row.getByRole("button", { name: "Sign out everywhere Sam Seller" }).click();
  const endSessions = page.getByRole("dialog", { name: "Sign Sam Seller out everywhere?" });
  await expect(endSessions).toContainText("Every session Sam Seller has, on every device, ends now.");
  await endSessions.getByRole("button", { name: "Cancel" }).click();
  await expect(endSessions).toBeHidden();
  await sam.page.reload();
  await expect(sam.page).toHaveURL(`/${workspace.slug}`);

  const requireNewPassword = page.getByRole("dialog", { name: "Require a new password from Sam Seller?" });
  await row.getByRole("button", { name: "Require a new password Sam Seller" }).click();
  await expect(requireNewPassword).toContainText("Until they set one, no sign-in method works");
  await page.keyboard.press("Escape");
  await expect(requireNewPassword).toBeHidden();

  // Confirmed, it happens: Sam's session is over.
  await row.getByRole("button", { name: "Sign out everywhere Sam Seller" }).click();
  await endSessions.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(row.getByRole("status").filter({ hasText: "The member was signed out everywhere." })).toBeVisible();
  await sam.page.reload();
  await expect(sam.page).toHaveURL(new RegExp(`/${workspace.slug}/login`));

  const reset = page.getByRole("dialog", { name: "Reset Sam Seller's second factors?" });
  await row.getByRole("button", { name: "Reset second factors Sam Seller" }).click();
  await expect(reset).toContainText("passkeys and remembered devices are removed");
  await reset.getByRole("button", { name: "Reset second factors" }).click();
  await expect(row.getByRole("status").filter({ hasText: "Second factors reset. The member was signed out everywhere and emailed." })).toBeVisible();

  // A pending invitation is revoked only after saying so.
  const invitation = page.getByTestId(`invitation-${pending}`);
  await invitation.getByRole("button", { name: `Revoke ${pending}` }).click();
  const revoke = page.getByRole("dialog", { name: `Revoke the invitation to ${pending}?` });
  await expect(revoke).toContainText("The link in the invitation email stops working now.");
  await revoke.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId(`invitation-${pending}`)).toHaveCount(0);

  await sam.page.context().close();
});

test("the members page fits a 390 px phone: rows and dialogs stay inside the screen", async ({ page }) => {
  test.setTimeout(120_000);
  const workspace = await signUpWorkspace(page);
  const sam = await join(page, workspace.slug, "Sam Seller", "Sales rep", "E2002");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/${workspace.slug}/members`);
  const list = page.getByTestId("member-list");
  await expect(list).toBeVisible();
  const fits = await list.evaluate((element) => ({ right: element.getBoundingClientRect().right, overflow: element.scrollWidth - element.clientWidth }));
  expect(fits.right).toBeLessThanOrEqual(390);
  expect(fits.overflow).toBeLessThanOrEqual(0);
  // The address is not broken mid-word when it fits on its own line.
  const email = page.getByTestId(`member-${sam.email}`).getByText(sam.email, { exact: true });
  expect((await email.boundingBox())!.height).toBeLessThan(30);

  await page.getByTestId(`member-${sam.email}`).getByRole("button", { name: "Deactivate Sam Seller" }).click();
  const dialog = page.getByRole("dialog", { name: "Deactivate Sam Seller?" });
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await sam.page.context().close();
});
