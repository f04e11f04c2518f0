import type { Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { DEMO_SLUG, signInDemo } from "./support/demo";

// Editing list cells in place, with the mouse and the keyboard: a customer's name (pencil, type,
// Enter) and status (F2, pick, Enter; Escape cancels back to the pencil); an opportunity's amount
// refused with the form's message and the typed text kept; and a lost race: another member
// changes the opportunity in another browser, the stale cell's save is refused naming them, and
// saving again on purpose replaces their value. Without JavaScript nothing changes: no pencils.

/** Waits until the cells have hydrated: before that a pencil is a plain link to the edit form. */
async function cellsReady(page: Page) {
  await expect(page.locator("[data-inline-cell][data-enhanced]").first()).toBeVisible({ timeout: 30_000 });
}

test("edit cells in place on the customer list and the opportunity table, with refusals and a lost race named", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signInDemo(page, "owner@demo.relay-crm.test");

  // A customer's name with the mouse: pencil, type, Enter.
  await page.goto(`/${DEMO_SLUG}/customers?pageSize=25`);
  await cellsReady(page);
  const table = page.getByTestId("customer-table");
  // The page's last rows: the bulk-action test works on the first ones of the same demo lists at
  // the same time, and a rename under its feet would take away the names it reads.
  const name = (await table.locator("tbody th a").last().innerText()).trim();
  const renamed = `${name} Inline`;
  await page.getByRole("button", { name: `Edit Name of ${name}`, exact: true }).click();
  const nameBox = page.getByRole("textbox", { name: `Name of ${name}`, exact: true });
  await expect(nameBox).toBeFocused();
  await nameBox.fill(renamed);
  await nameBox.press("Enter");
  await expect(table.getByRole("link", { name: renamed, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Edit Name of ${renamed}`, exact: true })).toBeFocused();

  // Its status with the keyboard: F2 on the focused pencil, Escape cancels back to it, then Enter saves.
  const statusPencil = page.getByRole("button", { name: `Edit Status of ${renamed}`, exact: true });
  await statusPencil.focus();
  await page.keyboard.press("F2");
  const statusBox = page.getByRole("combobox", { name: `Status of ${renamed}`, exact: true });
  await expect(statusBox).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(statusBox).toHaveCount(0);
  await expect(statusPencil).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(statusBox).toBeFocused();
  const newStatus = (await statusBox.inputValue()) === "ACTIVE" ? "Inactive" : "Active";
  await statusBox.selectOption({ label: newStatus });
  await page.keyboard.press("Enter");
  await expect(statusBox).toHaveCount(0);
  await expect(statusPencil).toBeFocused();
  await page.reload();
  await expect(table.locator("tbody tr", { has: page.getByRole("link", { name: renamed, exact: true }) })).toContainText(newStatus);

  // An opportunity's amount the form refuses: its message beside the box, the text kept.
  await page.goto(`/${DEMO_SLUG}/opportunities?view=table`);
  await cellsReady(page);
  const title = (await page.getByTestId("opportunity-table").locator("tbody tr").last().locator("td a").first().innerText()).trim();
  await page.getByRole("button", { name: `Edit Amount of ${title}`, exact: true }).click();
  const amountBox = page.getByRole("textbox", { name: `Amount of ${title}`, exact: true });
  await amountBox.fill("12,34x");
  await page.getByTestId("inline-save").click();
  await expect(page.getByTestId("inline-error")).toHaveText("Enter an amount such as 1,234.50.");
  await expect(amountBox).toHaveValue("12,34x");
  await expect(amountBox).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Cancel" }).click();

  // Another member changes the same opportunity's title in their own browser...
  const adminContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const admin = await adminContext.newPage();
  await signInDemo(admin, "admin@demo.relay-crm.test");
  await admin.goto(`/${DEMO_SLUG}/opportunities?view=table`);
  await cellsReady(admin);
  const theirs = `${title} (Adam)`;
  await admin.getByRole("button", { name: `Edit Title of ${title}`, exact: true }).click();
  await admin.getByRole("textbox", { name: `Title of ${title}`, exact: true }).fill(theirs);
  await admin.getByRole("textbox", { name: `Title of ${title}`, exact: true }).press("Enter");
  await expect(admin.getByRole("link", { name: theirs, exact: true })).toBeVisible();
  await adminContext.close();

  // ...so the title cell here, still on the old version, is refused and says who, and keeps what was typed.
  const mine = `${title} (Olivia)`;
  await page.getByRole("button", { name: `Edit Title of ${title}`, exact: true }).click();
  const titleBox = page.getByRole("textbox", { name: `Title of ${title}`, exact: true });
  await titleBox.fill(mine);
  await titleBox.press("Enter");
  const refusal = page.getByTestId("inline-error");
  await expect(refusal).toContainText("Adam Admin changed this record at");
  await expect(refusal).toContainText(`It now says: ${theirs}.`);
  await expect(titleBox).toHaveValue(mine);
  // Saving again, with their value in view, replaces it.
  await titleBox.press("Enter");
  await expect(page.getByRole("link", { name: mine, exact: true })).toBeVisible();

  // Without JavaScript the list is what it was: no pencils, the name links to the record (whose page has the edit form).
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState(), extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const plain = await noScript.newPage();
  await plain.goto(`/${DEMO_SLUG}/customers?pageSize=25`);
  const nameLink = plain.getByTestId("customer-table").getByRole("link", { name: renamed, exact: true });
  await expect(plain.getByRole("button", { name: `Edit Name of ${renamed}`, exact: true })).toHaveCount(0);
  await nameLink.click();
  await plain.getByRole("link", { name: "Edit", exact: true }).first().click();
  await expect(plain.locator(`input[name="name"]`)).toHaveValue(renamed);
  await noScript.close();
});
