import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { DEMO_SLUG, signInDemo } from "./support/demo";

// The lists sorted by their column headers (mouse and keyboard, aria-sort, the sort in the URL),
// the "1–25 of N" count line, and filters that apply themselves while JavaScript runs (a choice at
// once, typed text when typing pauses, focus kept, the new count in a status region) and with the
// Apply button when it doesn't. Reads the demo workspace's customers and opportunities only.

const ANSWER = { timeout: 20_000 };

function headerCell(page: Page, label: string) {
  return page.getByRole("columnheader").filter({ has: page.getByRole("link", { name: new RegExp(`^Sort by ${label}\\b`) }) });
}

/** The cells of one column, found by its header (the table may start with a selection column). */
function columnCells(page: Page, table: string, header: string) {
  const rows = page.getByTestId(table).locator("tbody tr");
  return {
    async texts() {
      const headers = (await page.getByTestId(table).locator("thead th").allTextContents()).map((text) => text.trim());
      const index = headers.findIndex((text) => text.startsWith(header));
      expect(index, `a "${header}" column in ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
      return rows.locator(`> :nth-child(${index + 1})`).allTextContents();
    },
  };
}

test("customers: sort by any header with the mouse and the keyboard, count the rows, filters apply themselves", async ({ page }) => {
  test.setTimeout(120_000);
  await signInDemo(page);
  await page.goto(`/${DEMO_SLUG}/customers?pageSize=25`);
  const count = page.getByTestId("result-count");
  await expect(count).toHaveAttribute("role", "status");
  await expect(count).toHaveText(/^1–25 of \d+ customers$/);
  const total = Number((await count.textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThan(25);
  await expect(headerCell(page, "Name")).toHaveAttribute("aria-sort", "ascending");

  // Mouse: Status sorts lead → active → inactive, then the other way round.
  await page.getByRole("link", { name: /^Sort by Status/ }).click();
  await expect(page).toHaveURL(/[?&]sort=status(&|$)/);
  await expect(headerCell(page, "Status")).toHaveAttribute("aria-sort", "ascending");
  await expect(headerCell(page, "Name")).not.toHaveAttribute("aria-sort", /.+/);
  const statuses = columnCells(page, "customer-table", "Status");
  await expect.poll(async () => (await statuses.texts())[0]).toBe("Lead");
  await page.getByRole("link", { name: /^Sort by Status/ }).click();
  await expect(page).toHaveURL(/[?&]sort=-status(&|$)/);
  await expect(headerCell(page, "Status")).toHaveAttribute("aria-sort", "descending");
  await expect.poll(async () => (await statuses.texts())[0]).not.toBe("Lead");

  // Keyboard: Tab reaches the Phone header's link, Enter sorts by it, Enter again reverses it.
  const phoneSort = page.getByRole("link", { name: /^Sort by Phone/ });
  await page.getByRole("link", { name: /^Sort by Status/ }).focus();
  for (let i = 0; i < 8 && !(await phoneSort.evaluate((link) => link === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(phoneSort).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]sort=phone(&|$)/);
  await expect(headerCell(page, "Phone")).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: /^Sort by Phone/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]sort=-phone(&|$)/);
  await expect(headerCell(page, "Phone")).toHaveAttribute("aria-sort", "descending");
  // The page size stays, and the next page knows where it is.
  await page.getByRole("link", { name: "Next" }).click();
  await expect(count).toHaveText(`26–${Math.min(50, total)} of ${total} customers`);
  await expect(headerCell(page, "Phone")).toHaveAttribute("aria-sort", "descending");

  // Filters apply themselves: no Apply button while JavaScript runs.
  await page.goto(`/${DEMO_SLUG}/customers?pageSize=25`);
  await expect(count).toHaveText(/^1–25 of /);
  const form = page.getByRole("search", { name: "Search and filter customers" });
  await expect(form).toHaveAttribute("data-enhanced", "");
  await expect(form.getByRole("button", { name: "Apply" })).toBeHidden();
  // A choice applies at once and keeps focus.
  const status = form.getByLabel("Status", { exact: true });
  await status.focus();
  await status.selectOption({ label: "Active" });
  await expect(page).toHaveURL(/[?&]status=ACTIVE(&|$)/, ANSWER);
  await expect(status).toBeFocused();
  await expect(count).not.toHaveText(`1–25 of ${total} customers`);
  await expect.poll(async () => [...new Set(await statuses.texts())]).toEqual(["Active"]);
  // Typed text applies when typing pauses, without losing the caret or what was typed.
  await form.getByLabel("Search", { exact: true }).clear();
  await form.getByLabel("Search", { exact: true }).click();
  await page.keyboard.type("harbor", { delay: 30 });
  await expect(page).toHaveURL(/[?&]q=harbor(&|$)/, ANSWER);
  await expect(form.getByLabel("Search", { exact: true })).toBeFocused();
  await expect(form.getByLabel("Search", { exact: true })).toHaveValue("harbor");
  await expect(count).toHaveText(/^\d+ customers?$|^No customers$/);
  await expect(page).toHaveURL(/[?&]status=ACTIVE(&|$)/);
  // Sorting by a header keeps the filters; the form then follows the address, not stale choices.
  await page.goto(`/${DEMO_SLUG}/customers?pageSize=25&status=LEAD`);
  await page.getByRole("link", { name: /^Sort by Location/ }).click();
  await expect(page).toHaveURL(/sort=city/);
  await expect(page).toHaveURL(/status=LEAD/);
  await expect(form.getByLabel("Sort by", { exact: true })).toHaveValue("city");
  await form.getByLabel("Status", { exact: true }).selectOption({ label: "Any" });
  await expect(page).not.toHaveURL(/status=/, ANSWER);
  await expect(page).toHaveURL(/sort=city/);
  await expect(headerCell(page, "Location")).toHaveAttribute("aria-sort", "ascending");
});

test("opportunity table: sort by its headers, count, and a stage filter that applies itself", async ({ page }) => {
  test.setTimeout(120_000);
  await signInDemo(page);
  await page.goto(`/${DEMO_SLUG}/opportunities?view=table`);
  const count = page.getByTestId("result-count");
  await expect(count).toHaveText(/^(1–50 of \d+|\d+) opportunit(y|ies)$/);
  await expect(headerCell(page, "Created")).toHaveAttribute("aria-sort", "descending");

  await page.getByRole("link", { name: /^Sort by Amount/ }).click();
  await expect(page).toHaveURL(/[?&]sort=-amount(&|$)/);
  await expect(headerCell(page, "Amount")).toHaveAttribute("aria-sort", "descending");
  await page.getByRole("link", { name: /^Sort by Expected close/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]sort=expectedCloseDate(&|$)/);
  await expect(headerCell(page, "Expected close")).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: /^Sort by Probability/ }).click();
  await expect(headerCell(page, "Probability")).toHaveAttribute("aria-sort", "descending");
  const probabilities = (await columnCells(page, "opportunity-table", "Probability").texts()).map((text) => Number(text.replace("%", "")));
  expect(probabilities.length).toBeGreaterThan(1);
  expect(probabilities.every(Number.isFinite)).toBe(true);
  expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));

  const filters = page.getByRole("form", { name: "Filters" });
  await expect(filters.getByRole("button", { name: "Apply" })).toBeHidden();
  const before = await count.textContent();
  await filters.getByLabel("Stage", { exact: true }).selectOption({ index: 1 });
  await expect(page).toHaveURL(/[?&]stage=/, ANSWER);
  await expect(page).toHaveURL(/[?&]sort=-probability(&|$)/);
  await expect(count).not.toHaveText(before!);
});

/** Signs in with JavaScript on (the sign-in page's captcha needs it), then opens a page without it in that session. */
async function managerPageWithoutJs(browser: Browser, clientIp: string): Promise<Page> {
  const headers = { "X-Forwarded-For": clientIp };
  const signInContext = await browser.newContext({ extraHTTPHeaders: headers });
  await signInDemo(await signInContext.newPage());
  const storageState = await signInContext.storageState();
  await signInContext.close();
  return (await browser.newContext({ javaScriptEnabled: false, storageState, extraHTTPHeaders: headers })).newPage();
}

test.describe("without JavaScript", () => {
  test("the filter form's Apply button still filters, and the headers still sort", async ({ browser, clientIp }) => {
    test.setTimeout(120_000);
    const page = await managerPageWithoutJs(browser, clientIp);
    await page.goto(`/${DEMO_SLUG}/customers`);
    const form = page.getByRole("search", { name: "Search and filter customers" });
    await form.getByLabel("Status", { exact: true }).selectOption({ label: "Inactive" });
    await form.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]status=INACTIVE(&|$)/);
    expect([...new Set(await columnCells(page, "customer-table", "Status").texts())]).toEqual(["Inactive"]);
    await page.getByRole("link", { name: /^Sort by Name/ }).click();
    await expect(page).toHaveURL(/sort=-name/);
    await expect(page).toHaveURL(/status=INACTIVE/);
  });
});
