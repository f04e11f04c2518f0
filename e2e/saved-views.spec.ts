import { randomBytes } from "node:crypto";
import { expect, test, testClientIp } from "./support/test";
import { DEMO_SLUG, signInDemo } from "./support/demo";
import { axeViolations } from "./support/axe";

// Saved views of the customer list (issue 15, item 2): a Manager saves the filtered, sorted list
// as a view with the keyboard (its name checked, what was typed kept), switches between it and
// "All customers" in one click, shares it, a Sales rep opens it from their own list, and the
// Manager deletes it after a dialog. Then the same save without JavaScript, through plain forms.

const LIST = `/${DEMO_SLUG}/customers`;

test("customers: save a filtered, sorted list as a shared view, switch in one click, open it as another member, delete it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const name = `Fresh leads ${randomBytes(3).toString("hex")}`;
  await signInDemo(page);
  await page.goto(`${LIST}?status=LEAD&sort=-createdAt`);
  const filters = page.getByRole("search", { name: "Search and filter customers" });
  await expect(filters).toHaveAttribute("data-enhanced", "");
  const count = page.getByTestId("result-count");
  const filteredCount = await count.textContent();
  const views = page.getByRole("navigation", { name: "Saved views" });
  await expect(views.getByRole("link", { name: "All customers" })).toHaveAttribute("aria-current", "page");

  // Keyboard: open "Save as view", send it empty, then too long, then right, shared with the workspace.
  const saveAs = page.getByText("Save as view", { exact: true });
  await saveAs.focus();
  await page.keyboard.press("Enter");
  const nameField = page.getByRole("textbox", { name: "View name" });
  await page.keyboard.press("Tab");
  await expect(nameField).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Give the view a name.")).toBeVisible();
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(nameField).toBeFocused();
  const tooLong = "L".repeat(61);
  await page.keyboard.type(tooLong);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Use at most 60 characters for the view’s name.")).toBeVisible();
  await expect(nameField).toHaveValue(tooLong);
  await nameField.fill(name);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Only me" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Everyone in the workspace" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save view" })).toBeFocused();
  await page.keyboard.press("Enter");

  // The address now names the view and carries its filters; the view's tab is the current one.
  await expect(page).toHaveURL(/[?&]savedView=[a-z0-9]+/, { timeout: 20_000 });
  await expect(page).toHaveURL(/[?&]status=LEAD(&|$)/);
  await expect(page).toHaveURL(/[?&]sort=-createdAt(&|$)/);
  const viewLink = views.getByRole("link", { name: new RegExp(`^${name}`) });
  await expect(viewLink).toHaveAttribute("aria-current", "page");
  await expect(viewLink).toContainText("Shared");
  await expect(page.getByText("Save as view", { exact: true })).toBeHidden();
  const viewUrl = page.url();

  // One click each way, with the mouse.
  await views.getByRole("link", { name: "All customers" }).click();
  await expect(page).toHaveURL(new RegExp(`${LIST}$`));
  await expect(filters.getByLabel("Status", { exact: true })).toHaveValue("");
  await viewLink.click();
  await expect(page).toHaveURL(viewUrl);
  await expect(filters.getByLabel("Status", { exact: true })).toHaveValue("LEAD");
  await expect(filters.getByLabel("Sort by", { exact: true })).toHaveValue("-createdAt");
  await expect(count).toHaveText(filteredCount!);

  // A change to the filters offers "Update view" to its owner; it stays the selected tab.
  await filters.getByLabel("Status", { exact: true }).selectOption({ label: "Active" });
  await expect(page).toHaveURL(/[?&]status=ACTIVE(&|$)/, { timeout: 20_000 });
  await expect(page.getByTestId("view-modified")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Update view/ })).toBeVisible();
  await viewLink.click();
  await expect(filters.getByLabel("Status", { exact: true })).toHaveValue("LEAD");

  await page.getByText("View options", { exact: true }).click();
  expect(await axeViolations(page)).toEqual([]);

  // A Sales rep sees the shared view in their own bar and opens it; only its creator or an Admin manages it.
  const repContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const repPage = await repContext.newPage();
  await signInDemo(repPage, "rep@demo.relay-crm.test");
  await repPage.goto(LIST);
  const repLink = repPage.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: new RegExp(`^${name}`) });
  await expect(repLink).toHaveAccessibleName(/Shared by Mei Manager/);
  await repLink.click();
  await expect(repPage).toHaveURL(/[?&]status=LEAD(&|$)/);
  await expect(repLink).toHaveAttribute("aria-current", "page");
  await expect(repPage.getByRole("search", { name: "Search and filter customers" }).getByLabel("Status", { exact: true })).toHaveValue("LEAD");
  await expect(repPage.getByText("View options", { exact: true })).toHaveCount(0);
  await repContext.close();

  // Delete, after the dialog says what happens.
  await page.getByRole("button", { name: "Delete view" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete the view “${name}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Delete view" }).click();
  await expect(page).not.toHaveURL(/savedView=/, { timeout: 20_000 });
  await expect(page).toHaveURL(/[?&]status=LEAD(&|$)/);
  await expect(views.getByRole("link", { name: new RegExp(`^${name}`) })).toHaveCount(0);
  await expect(views.getByRole("link", { name: "All customers" })).toHaveAttribute("aria-current", "page");
});

test("customers without JavaScript: a name error keeps what was typed, then the view saves and opens", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInDemo(page, "admin@demo.relay-crm.test");
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const plain = await noScript.newPage();
  await plain.goto(`${LIST}?industry=technology&sort=name`);
  await plain.getByText("Save as view", { exact: true }).click();
  const tooLong = `Tech ${"x".repeat(60)}`;
  await plain.getByRole("textbox", { name: "View name" }).fill(tooLong);
  await plain.getByRole("button", { name: "Save view" }).click();
  await expect(plain.getByText("Use at most 60 characters for the view’s name.")).toBeVisible();
  await expect(plain.getByRole("textbox", { name: "View name" })).toHaveValue(tooLong);
  const name = `Tech ${randomBytes(3).toString("hex")}`;
  await plain.getByRole("textbox", { name: "View name" }).fill(name);
  await plain.getByRole("button", { name: "Save view" }).click();
  await expect(plain).toHaveURL(/[?&]savedView=[a-z0-9]+/);
  await expect(plain).toHaveURL(/[?&]industry=technology(&|$)/);
  await expect(plain.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name })).toHaveAttribute("aria-current", "page");
  await noScript.close();
});
