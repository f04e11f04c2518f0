import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { readLatestEmail } from "./support/mailbox";
import { signOut, signUpWorkspace } from "./support/workspace";

// "Email me a sign-in link" end to end: the link is read from the outbox (/dev/mailbox). Opened in
// the same browser it signs in, and the tab that asked for it moves on by itself; used again it
// is refused with its own message; opened in another browser it signs that browser in and the
// waiting tab says so without being signed in.

async function requestLink(page: Page, slug: string, username: string) {
  await page.goto(`/${slug}/login`);
  await page.getByText("Email me a sign-in link").click();
  await page.getByLabel("Send the link to").fill(username);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByTestId("link-sent")).toContainText("Check your email");
}

async function linkFrom(page: Page, to: string, atLeast: number, slug: string): Promise<string> {
  const email = await readLatestEmail(page, to, { atLeast });
  const link = email.links.find((url) => url.includes(`/${slug}/login/link/`));
  expect(link, `sign-in link in ${JSON.stringify(email)}`).toBeTruthy();
  return link!;
}

test("a link opened in the same browser signs in, the waiting tab follows, and the link works once", async ({ page, context }) => {
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);

  await requestLink(page, workspace.slug, workspace.email);
  const link = await linkFrom(page, workspace.email, 1, workspace.slug);

  // Opening the link changes nothing until the button is pressed (mail scanners fetch links too).
  const linkTab = await context.newPage();
  await linkTab.goto(link);
  await expect(linkTab.getByRole("heading", { level: 1 })).toHaveText(`Sign in to ${workspace.companyName}`);
  await linkTab.reload();
  await linkTab.getByRole("button", { name: `Sign in to ${workspace.companyName}` }).click();
  await expect(linkTab).toHaveURL(`/${workspace.slug}`);
  await expect(linkTab.getByTestId("workspace-name")).toHaveText(workspace.companyName);

  // The tab that asked for the link notices and opens the workspace too.
  await expect(page).toHaveURL(`/${workspace.slug}`, { timeout: 30_000 });
  await expect(page.getByTestId("workspace-name")).toHaveText(workspace.companyName);

  // The same link again: refused, with a way to get a new one.
  await signOut(page, workspace.ownerName);
  await linkTab.goto(link);
  await expect(linkTab.getByTestId("sign-in-link-used")).toContainText("This sign-in link has already been used");
  await expect(linkTab.getByRole("link", { name: "Request a new link" })).toHaveAttribute("href", `/${workspace.slug}/login#email-link`);

  // An altered link is refused as not valid.
  await linkTab.goto(`${link.slice(0, -3)}abc`);
  await expect(linkTab.getByTestId("sign-in-link-unknown")).toContainText("This sign-in link isn't valid");
});

test("a link used in another browser signs that browser in, and the waiting tab only says so", async ({ page, browser }) => {
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);
  await requestLink(page, workspace.slug, workspace.email);
  const link = await linkFrom(page, workspace.email, 1, workspace.slug);

  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await phonePage.goto(link);
  await phonePage.getByRole("button", { name: `Sign in to ${workspace.companyName}` }).click();
  await expect(phonePage).toHaveURL(`/${workspace.slug}`);
  await expect(phonePage.getByTestId("workspace-name")).toHaveText(workspace.companyName);
  await phone.close();

  await expect(page.getByTestId("link-elsewhere")).toContainText("You signed in from another browser or device", { timeout: 30_000 });
  // This tab was not signed in by someone else's click.
  await page.goto(`/${workspace.slug}`);
  await expect(page).toHaveURL(new RegExp(`/${workspace.slug}/login`));
});

test("an unknown username gets the same answer and no email", async ({ page }) => {
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);
  const nobody = `nobody.${workspace.slug}@example.test`;
  await requestLink(page, workspace.slug, nobody);
  await expect(page.getByTestId("link-sent")).toContainText("If that account exists in this workspace");
  const mailbox = await page.context().newPage();
  await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(nobody)}`);
  await expect(mailbox.getByTestId("mailbox-message")).toHaveCount(0);
  await mailbox.close();
});
