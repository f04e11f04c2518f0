import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signInDemo } from "./support/demo";
import { openAccountMenu, openMenuDrawer } from "./support/workspace";

// Issue 11, item 4: navigation that fits. From 1024 px a sidebar with the workspace, every item
// the role may see and the account menu; below it a top bar whose menu button opens all of it in
// a modal drawer (focus moves in, Escape and the close button close it and give focus back, the
// page behind is inert).

const WORKSPACE = "Northwind Traders (demo)";
const OWNER_ITEMS = ["Home", "Customers", "Opportunities", "My tasks", "Reports", "Members", "Audit log", "Access review", "Settings"];

function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Each item's label, without its badge. */
async function navItemNames(page: Page, scope = page.locator("body")) {
  return scope.getByRole("navigation", { name: "Main" }).getByRole("link").evaluateAll((links) => links.map((link) => link.firstElementChild?.textContent?.trim() ?? ""));
}

for (const width of [1024, 1280]) {
  test(`at ${width} px the sidebar shows the workspace, every item the Owner may see and the whole name in the account menu`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await signInDemo(page, "owner@demo.relay-crm.test");
    await expect(page.getByTestId("open-menu")).toBeHidden();
    const workspace = page.getByTestId("workspace-name");
    await expect(workspace).toBeVisible();
    await expect(workspace).toHaveText(WORKSPACE);
    // Not cut off, and nothing drawn over the logo or the name.
    expect(await workspace.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect(await navItemNames(page)).toEqual(OWNER_ITEMS);
    const home = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" });
    await expect(home).toHaveAttribute("aria-current", "page");
    const brand = (await page.getByRole("link", { name: WORKSPACE }).boundingBox())!;
    for (const link of await page.getByRole("navigation", { name: "Main" }).getByRole("link").all()) {
      expect(boxesOverlap(brand, (await link.boundingBox())!)).toBe(false);
    }

    // The account menu reads what it shows: the member's name, in full.
    const name = page.getByTestId("account-menu-name");
    await expect(name).toHaveText("Account menu for Olivia Owner");
    expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await openAccountMenu(page, "Olivia Owner");
    for (const name of ["Profile", "Security"]) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(page.getByLabel("Language")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await expect(page).toHaveURL("/demo/reports");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" })).toHaveAttribute("aria-current", "page");
    await expect(home).not.toHaveAttribute("aria-current", "page");
  });
}

test("on a phone the menu button opens every item in a drawer that takes focus, keeps the page inert and closes on Escape", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInDemo(page, "owner@demo.relay-crm.test");
  // No sideways strip of links: the only navigation is behind the menu button.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByTestId("workspace-name")).toBeVisible();
  const menuButton = page.getByRole("button", { name: /^Open menu/ });
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");

  await openMenuDrawer(page);
  const drawer = page.getByRole("dialog", { name: WORKSPACE });
  await expect(drawer).toBeVisible();
  await expect(menuButton).toHaveAttribute("aria-expanded", "true");
  await expect(drawer.getByRole("button", { name: "Close menu" })).toBeFocused();
  expect(await navItemNames(page, drawer)).toEqual(OWNER_ITEMS);
  await expect(drawer.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  for (const name of ["Reports", "Members", "Profile", "Security"]) await expect(drawer.getByRole("link", { name, exact: true })).toBeInViewport();
  await expect(drawer.getByText("owner@demo.relay-crm.test")).toBeVisible();
  await expect(drawer.getByLabel("Language")).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Sign out" })).toBeVisible();
  // The page behind is inert: its links can't take focus while the drawer is open.
  expect(await page.evaluate(() => {
    const link = document.querySelector<HTMLAnchorElement>("main a[href]");
    link?.focus();
    return link !== null && document.activeElement !== link;
  })).toBe(true);

  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect(menuButton).toHaveAttribute("aria-expanded", "false");

  await page.keyboard.press("Enter");
  await expect(drawer).toBeVisible();
  await drawer.getByRole("button", { name: "Close menu" }).click();
  await expect(drawer).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Following a link closes the drawer on the new page, where that item is the current one.
  await menuButton.click();
  await drawer.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL("/demo/members");
  await expect(drawer).toBeHidden();
  await menuButton.click();
  await expect(drawer.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
});

test("on a phone the tasks badge is in the drawer and announced on the menu button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // The demo's Sales rep has overdue tasks (lib/demo/seed-crm.ts gives the rep the first overdue ones).
  await signInDemo(page, "rep@demo.relay-crm.test");
  const menuButton = page.getByRole("button", { name: /^Open menu\s*,\s*My tasks: \d+ due$/ });
  await expect(menuButton).toBeVisible();
  await openMenuDrawer(page);
  const tasks = page.getByRole("dialog").getByRole("link", { name: /^My tasks\s*,\s*\d+ due$/ });
  await expect(tasks).toBeVisible();
  await expect(tasks.getByTestId("nav-badge")).toBeInViewport();
});
