import type { Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { emailFor, inviteMember, PASSWORD, signUpWorkspace } from "./support/workspace";

// A new Owner's home: the setup checklist ticks itself off as the Owner does each step wherever it
// is done, can be hidden and shown again, and a Sales rep's home shows none of it.

function checklist(page: Page, companyName: string) {
  return page.getByRole("region", { name: `Set up ${companyName}` });
}

test("a new Owner works through the setup checklist; a Sales rep never sees it", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  const list = checklist(page, workspace.companyName);
  await expect(list).toBeVisible();
  await expect(list.getByTestId("setup-progress")).toHaveText("0 of 5 done");
  for (const step of ["invite", "customers", "stages", "security", "passkey"]) {
    await expect(list.getByTestId(`setup-step-${step}`)).toContainText("To do");
  }
  await expect(page.getByText("Every invitation email uses it too.")).toBeVisible();

  // Invite: from the Members page the checklist links to.
  await list.getByRole("link", { name: "Invite your team" }).click();
  await expect(page).toHaveURL(`/${slug}/members`);
  const invitation = await inviteMember(page, slug, { email: emailFor("sam", slug), role: "Sales rep" });
  await page.goto(`/${slug}`);
  await expect(list.getByTestId("setup-step-invite")).toContainText("Done");
  await expect(list.getByTestId("setup-progress")).toHaveText("1 of 5 done");

  // Stages: the defaults kept on purpose.
  await list.getByRole("link", { name: "Set your pipeline stages" }).click();
  await expect(page).toHaveURL(`/${slug}/settings/crm`);
  await page.getByRole("button", { name: "Keep these stages" }).click();
  await expect(page.getByText("Pipeline stages kept as they are.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Keep these stages" })).toHaveCount(0);

  // Security: requiring two-step sign-in of Owners and Admins.
  await page.goto(`/${slug}`);
  await list.getByRole("link", { name: "Choose your security policy" }).click();
  await expect(page).toHaveURL(`/${slug}/settings/security`);
  const policy = page.getByRole("region", { name: "Second factors (MFA)" });
  await policy.getByRole("button", { name: "Save MFA policy" }).click();
  await expect(policy.getByRole("status")).toBeVisible();

  // Customers: the first one by hand.
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Northwind Traders");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Customer created.")).toBeVisible();

  await page.goto(`/${slug}`);
  await expect(list.getByTestId("setup-progress")).toHaveText("4 of 5 done");
  for (const step of ["invite", "customers", "stages", "security"]) {
    await expect(list.getByTestId(`setup-step-${step}`)).toContainText("Done");
  }
  await expect(list.getByTestId("setup-step-passkey")).toContainText("To do");
  await expect(list.getByRole("link", { name: "Add a passkey" })).toHaveAttribute("href", `/${slug}/security#passkeys-title`);

  // Hidden, it leaves one line to bring it back; the choice survives a reload.
  await list.getByRole("button", { name: "Hide this checklist" }).click();
  await expect(list).toBeHidden();
  const show = page.getByRole("button", { name: "Show the setup checklist (4 of 5 done)" });
  await page.reload();
  await expect(show).toBeVisible();
  await show.click();
  await expect(list).toBeVisible();

  // A Sales rep's home: no checklist, and nothing about sending invitations.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const rep = await context.newPage();
  await rep.goto(invitation.link);
  await rep.getByLabel("Your name").fill("Sam Seller");
  await rep.getByLabel("Choose a password").fill(PASSWORD);
  await rep.getByRole("button", { name: "Join workspace" }).click();
  await expect(rep).toHaveURL(`/${slug}`);
  await expect(rep.getByRole("heading", { level: 1 })).toHaveText("Welcome, Sam Seller");
  await expect(checklist(rep, workspace.companyName)).toHaveCount(0);
  await expect(rep.getByRole("button", { name: /setup checklist/ })).toHaveCount(0);
  await expect(rep.getByText(`Bookmark this link: it's where you sign in to ${workspace.companyName}.`)).toBeVisible();
  await expect(rep.getByText("Every invitation email uses it too.", { exact: false })).toHaveCount(0);
  await context.close();
});
