import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { readLatestEmail } from "./mailbox";
import { solveCaptcha } from "./captcha";

// Every test makes its own workspace with addresses nobody else uses, so tests can run in any
// order, in parallel, against a database that other tests are writing to at the same time.

export const PASSWORD = "violet-anchor-meadow-71";

/** A slug no other test (or earlier run against a reused server) has: e2e-<time>-<random>. */
export function uniqueSlug(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** An address under example.test, made unique by the slug it belongs to. */
export function emailFor(local: string, slug: string): string {
  return `${local}.${slug}@example.test`;
}

export type Workspace = {
  slug: string;
  companyName: string;
  ownerName: string;
  email: string;
  password: string;
};

export function newWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  const slug = overrides.slug ?? uniqueSlug();
  return {
    slug,
    companyName: `Acme ${slug.slice(-6)} Ltd`,
    ownerName: "Olga Owner",
    email: emailFor("owner", slug),
    password: PASSWORD,
    ...overrides,
  };
}

/** Fills in the sign-up form without submitting it. */
export async function fillSignUpForm(page: Page, workspace: Workspace) {
  await page.getByLabel("Company name").fill(workspace.companyName);
  await page.getByLabel("Workspace address").fill(workspace.slug);
  await page.getByLabel("Your name").fill(workspace.ownerName);
  await page.getByLabel("Work email").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(workspace.password);
}

/**
 * Creates a workspace through /signup (in English) and waits for its home page. The page is then
 * signed in as the workspace's Owner.
 */
export async function signUpWorkspace(page: Page, overrides: Partial<Workspace> = {}): Promise<Workspace> {
  const workspace = newWorkspace(overrides);
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1, name: "Create your workspace" })).toBeVisible();
  await fillSignUpForm(page, workspace);
  await solveCaptcha(page);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(`/${workspace.slug}`);
  await expect(page.getByTestId("workspace-name")).toHaveText(workspace.companyName);
  return workspace;
}

/** Signs in on /<slug>/login and waits to leave the login page. */
export async function signIn(page: Page, slug: string, username: string, password: string) {
  await page.goto(`/${slug}/login`);
  await page.getByLabel("Email or employee number").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens the account menu (a <details> in the header) and signs out. */
export async function signOut(page: Page, memberName: string, signOutLabel = "Sign out") {
  await openAccountMenu(page, memberName);
  await page.getByRole("button", { name: signOutLabel }).click();
  // Signing out ends on the login page; moving on earlier would abort the sign-out.
  await expect(page).toHaveURL(/\/login\?reason=signed-out$/);
}

/**
 * Whether the page's width gives it the menu button and drawer instead of the sidebar (Tailwind's
 * lg breakpoint, 1024 px). Decided by the viewport, not by looking: before a page's stylesheet
 * has applied, the button (lg:hidden) is visible at every width, and a test that looked in that
 * moment waited for a button that then disappeared.
 */
export function hasPhoneMenu(page: Page): boolean {
  return (page.viewportSize()?.width ?? 1280) < 1024;
}

/** Opens the phone menu's drawer; a click before the page has hydrated is lost, so it is clicked again. */
export async function openMenuDrawer(page: Page) {
  const drawer = page.getByTestId("menu-drawer");
  await expect(async () => {
    if (!(await drawer.isVisible())) await page.getByTestId("open-menu").click();
    await expect(drawer).toBeVisible({ timeout: 2_000 });
  }).toPass();
  return drawer;
}

/**
 * Opens the account menu: a <details> at the foot of the sidebar, or on a phone the menu drawer,
 * which holds the same items. The menu is named by what it shows, the member's name, with
 * "Account menu for" around it for screen readers only; `label` is that whole name.
 */
export async function openAccountMenu(page: Page, memberName: string, label = `Account menu for ${memberName}`) {
  if (hasPhoneMenu(page)) {
    await openMenuDrawer(page);
    await expect(page.getByTestId("menu-drawer").getByText(memberName, { exact: true })).toBeVisible();
    return;
  }
  const name = page.getByTestId("account-menu-name").filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
  const summary = page.locator("summary").filter({ has: name });
  await summary.click();
  await expect(page.locator("details", { has: summary })).toHaveAttribute("open", "");
}

export type Invitation = { email: string; role: string; employeeNumber?: string; link: string };

/**
 * Invites a member from /<slug>/members (the page must be signed in as an Owner or Admin) and
 * returns the link from the invitation email in the outbox.
 */
export async function inviteMember(
  page: Page,
  slug: string,
  invite: { email: string; role: string; employeeNumber?: string },
): Promise<Invitation> {
  await page.goto(`/${slug}/members`);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Send invitation" }) });
  await form.getByLabel("Email", { exact: true }).fill(invite.email);
  await form.getByLabel("Role", { exact: true }).selectOption({ label: invite.role });
  if (invite.employeeNumber) await form.getByLabel("Employee number").fill(invite.employeeNumber);
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${invite.email}.`);
  const email = await readLatestEmail(page, invite.email);
  const link = email.links.find((url) => url.includes(`/${slug}/invite/`));
  expect(link, `invitation link in ${JSON.stringify(email)}`).toBeTruthy();
  return { ...invite, link: link! };
}
