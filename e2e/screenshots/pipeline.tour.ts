import { expect, test } from "../support/test";
import { camera } from "../support/screenshots";
import { signUpWorkspace } from "../support/workspace";

// Pictures of the pipeline pages: the board, the table, an opportunity and the CRM settings
// (e2e/support/screenshots.ts says how and where).

test("pipeline screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const shoot = camera(testInfo, "pipeline");

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
  const composer = page.getByTestId("timeline-composer");
  await composer.getByRole("radio", { name: "Meeting", exact: true }).check();
  await composer.getByLabel("Subject").fill("Pricing call with procurement");
  await composer.getByLabel("Who took part").fill("Bill Lumbergh, Peter Gibbons");
  await composer.getByRole("button", { name: "Log meeting" }).click();
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
