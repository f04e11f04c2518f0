import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { DEMO_SLUG, signInDemo } from "./support/demo";

// Bulk actions on the customer list and the opportunity table, with the mouse and the keyboard:
// tick rows, "Select all on this page", "Select all N matching"; add a tag, export the ticked rows,
// move them to the trash after a confirmation and undo it; a stage change that needs a lost reason.
// The outcome is announced (role=status) and the audit log has one entry per action.

const OWNER = "owner@demo.relay-crm.test";

/** Ticks a box once the page has hydrated: a click before that is lost (as it would be for a person), so it is clicked again. */
async function tickFirst(page: Page, box: Locator, expected: string) {
  const count = page.getByTestId("bulk-count");
  await expect(async () => {
    await box.click();
    await expect(count).toHaveText(expected, { timeout: 1_500 });
  }).toPass({ timeout: 30_000 });
}

test("customers: tick by mouse and keyboard, tag, export the ticked rows, all matching, trash with confirmation and undo", async ({ page }) => {
  test.setTimeout(180_000);
  await signInDemo(page, OWNER);
  const tag = `bulk-${Date.now().toString(36)}`;

  await page.goto(`/${DEMO_SLUG}/customers?pageSize=25`);
  const names = page.getByTestId("customer-table").locator("tbody th a");
  const first = (await names.nth(0).innerText()).trim();
  const second = (await names.nth(1).innerText()).trim();

  // The first row with the mouse, the second with the keyboard (Space on its focused box).
  await tickFirst(page, page.getByRole("checkbox", { name: `Select ${first}`, exact: true }), "1 selected");
  await page.getByRole("checkbox", { name: `Select ${second}`, exact: true }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("bulk-count")).toHaveText("2 selected");

  // Add a tag: a missing tag is refused with its reason; Enter in the tag box applies.
  await page.getByTestId("bulk-action").selectOption({ label: "Add tag" });
  await page.getByTestId("bulk-apply").click();
  await expect(page.getByText("Enter the tag.")).toBeVisible();
  await page.getByLabel("Tag", { exact: true }).fill(tag);
  await page.getByLabel("Tag", { exact: true }).press("Enter");
  await expect(page.getByTestId("bulk-result")).toHaveText("2 records changed.");
  await expect(page.getByTestId("bulk-count")).toHaveCount(0);

  await page.goto(`/${DEMO_SLUG}/customers?tag=${tag}`);
  await expect(page.getByTestId("result-count")).toHaveText("2 customers");

  // Export just the ticked rows (the header box ticks the page), through the same export as the list.
  await tickFirst(page, page.getByRole("checkbox", { name: "Select all on this page" }), "2 selected");
  await page.getByTestId("bulk-action").selectOption({ label: "Export CSV" });
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("bulk-export").click();
  const csv = await readFile((await (await downloadPromise).path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines).toHaveLength(3);
  expect(csv).toContain(first);
  expect(csv).toContain(second);

  // The trash asks first; Cancel changes nothing.
  await page.getByTestId("bulk-action").selectOption({ label: "Move to trash" });
  await page.getByTestId("bulk-apply").click();
  const dialog = page.getByRole("dialog", { name: "Move 2 customers to the trash?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("customer-table")).toContainText(first);
  await page.getByTestId("bulk-apply").click();
  await dialog.getByRole("button", { name: "Move to trash" }).click();
  await expect(page.getByTestId("bulk-result")).toContainText("2 customers moved to the trash.");
  await expect(page.getByTestId("empty-state")).toBeVisible();

  // Undo brings exactly those back.
  await page.getByTestId("bulk-result").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("bulk-restored")).toHaveText("2 customers restored.");
  await expect(page.getByTestId("customer-table")).toContainText(second);

  // Every customer the filters match, beyond this page: keyboard on the header box, then "Select all N matching".
  await page.goto(`/${DEMO_SLUG}/customers?pageSize=25`);
  // "1–25 of 60 customers": the total is the figure after "of".
  const total = Number(/of ([\d,]+)/.exec(await page.getByTestId("result-count").innerText())![1]!.replace(/,/g, ""));
  expect(total).toBeGreaterThan(25);
  const pageBox = page.getByRole("checkbox", { name: "Select all on this page" });
  await tickFirst(page, pageBox, "25 selected");
  await page.getByRole("button", { name: `Select all ${total} matching` }).click();
  await expect(page.getByTestId("bulk-count")).toHaveText(`All ${total} matching records selected`);
  await page.getByTestId("bulk-action").selectOption({ label: "Add tag" });
  await page.getByLabel("Tag", { exact: true }).fill(`${tag}-all`);
  await page.getByTestId("bulk-apply").click();
  await expect(page.getByTestId("bulk-result")).toHaveText(`${total} records changed.`);
  await page.goto(`/${DEMO_SLUG}/customers?tag=${tag}-all&pageSize=100`);
  await expect(page.getByTestId("result-count")).toHaveText(`${total} customers`);

  // One audit entry per action, with the count.
  await page.goto(`/${DEMO_SLUG}/audit?type=records.bulk_changed`);
  await expect(page.getByText(`changed ${total} customers at once: tag “${tag}-all” added`).first()).toBeVisible();
  await expect(page.getByText(`changed 2 customers at once: moved to the trash`).first()).toBeVisible();
});

test("opportunities: a stage for ticked rows, with the lost reason a lost stage needs", async ({ page }) => {
  test.setTimeout(120_000);
  await signInDemo(page, OWNER);
  await page.goto(`/${DEMO_SLUG}/opportunities?view=table`);
  // A row not already lost (its stage is the fifth cell).
  const open = page.getByTestId("opportunity-table").locator("tbody tr").filter({ hasNot: page.locator("td:nth-child(5)", { hasText: /^Lost$/ }) });
  const title = (await open.first().locator("td:nth-child(2) a").innerText()).trim();
  await tickFirst(page, page.getByRole("checkbox", { name: `Select ${title}`, exact: true }), "1 selected");

  // Keyboard only from here: the action, the stage, the reason, then Enter.
  await page.getByTestId("bulk-action").focus();
  await page.getByTestId("bulk-action").selectOption({ label: "Change stage" });
  await page.getByLabel("New stage").selectOption({ label: "Lost" });
  await page.getByTestId("bulk-apply").press("Enter");
  await expect(page.getByText("Say why the opportunity was lost.")).toBeVisible();
  await page.getByLabel("Lost reason").fill("Chose a competitor");
  await page.getByLabel("Lost reason").press("Enter");
  await expect(page.getByTestId("bulk-result")).toHaveText("1 record changed.");
  const row = page.getByTestId("opportunity-table").locator("tbody tr", { hasText: title });
  await expect(row).toContainText("Lost");
});
