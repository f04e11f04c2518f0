import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signUpWorkspace } from "./support/workspace";

// Pictures of the pipeline pages for people to look at: the board, the table, an opportunity and
// the CRM settings, at desktop and phone width (one per Playwright project), light and dark.
// Saved as screenshots/<project>-<scheme>-pipeline-<nn>-<page>.png.

const DIR = "screenshots";
const SCHEMES = ["light", "dark"] as const;

test("pipeline screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  mkdirSync(DIR, { recursive: true });
  let n = 0;
  const shoot = async (target: Page, name: string) => {
    n += 1;
    for (const scheme of SCHEMES) {
      await target.emulateMedia({ colorScheme: scheme });
      await target.evaluate(() => document.fonts.ready);
      await target.screenshot({
        path: `${DIR}/${testInfo.project.name}-${scheme}-pipeline-${String(n).padStart(2, "0")}-${name}.png`,
        fullPage: true,
        animations: "disabled",
        caret: "hide",
      });
    }
    await target.emulateMedia({ colorScheme: "light" });
  };

  const { slug } = await signUpWorkspace(page);
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Initech");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/[a-z0-9]{20,}`));
  const customerId = page.url().split("?")[0]!.split("/").pop()!;

  const deals = [
    { title: "TPS report automation", amount: "48,000", currency: "USD", stage: "Qualification (10%)" },
    { title: "Printer fleet renewal", amount: "1,250,000", currency: "JPY", stage: "Proposal (50%)" },
    { title: "Gulf office licences", amount: "3,500.250", currency: "KWD", stage: "Negotiation (75%)" },
  ];
  let detailUrl = "";
  for (const deal of deals) {
    await page.goto(`/${slug}/opportunities/new?customer=${customerId}`);
    await page.getByLabel("Title").fill(deal.title);
    await page.getByLabel("Amount").fill(deal.amount);
    await page.getByLabel("Currency").selectOption(deal.currency);
    await page.getByLabel("Stage").selectOption({ label: deal.stage });
    await page.getByLabel("Expected close date").fill("2026-12-15");
    await page.getByRole("button", { name: "Create opportunity" }).click();
    await expect(page.getByRole("heading", { level: 1, name: deal.title })).toBeVisible();
    detailUrl = page.url();
  }
  await page.getByRole("button", { name: "Log an activity" }).click();
  await page.getByTestId("activity-quick-add").getByLabel("Subject").fill("Pricing call with procurement");
  await page.getByTestId("activity-quick-add").getByLabel("Who took part").fill("Bill Lumbergh, Peter Gibbons");
  await page.getByTestId("activity-quick-add").getByRole("button", { name: "Save activity" }).click();
  await expect(page.getByText("Activity logged.")).toBeVisible();

  await page.goto(`/${slug}/opportunities`);
  await expect(page.getByTestId("pipeline-board")).toBeVisible();
  await shoot(page, "board");
  await page.goto(`/${slug}/opportunities?view=table`);
  await expect(page.getByTestId("opportunity-table")).toBeVisible();
  await shoot(page, "table");
  await page.goto(detailUrl);
  await expect(page.getByTestId("stage-history")).toBeVisible();
  await shoot(page, "detail");
  await page.goto(`/${slug}/opportunities/new?customer=${customerId}`);
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByText("Enter a title.")).toBeVisible();
  await shoot(page, "form-errors");
  await page.goto(`/${slug}/settings/crm`);
  await expect(page.getByTestId("pipeline-editor")).toBeVisible();
  await shoot(page, "settings");
});
