import { expect, test } from "../support/test";
import { camera, chooseLanguage } from "../support/screenshots";
import { signInDemo } from "../support/demo";

// Pictures of the Reports page and the home dashboard on the seeded demo workspace, in English and
// Chinese (e2e/support/screenshots.ts says how and where; it waits for the charts to redraw in
// each colour scheme).

test("reports screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "reports");

  await signInDemo(page);
  await expect(page.getByTestId("headline-figures")).toBeVisible();
  await shoot(page, "home-dashboard");

  await page.goto("/demo/reports");
  await expect(page.getByTestId("report-new-customers").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await page.getByTestId("report-won-lost").getByText("Show the data table").click();
  await shoot(page, "reports");

  await page.goto("/demo/reports?range=custom&from=2026-05-01&to=2026-01-01&owner=nobody");
  await expect(page.getByTestId("report-filter-errors")).toBeVisible();
  await expect(page.getByTestId("report-pipeline").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await shoot(page, "reports-bad-filters");

  await chooseLanguage(page, "zh-CN");
  await page.goto("/demo");
  await expect(page.getByTestId("headline-figures")).toContainText("概览");
  await shoot(page, "zh-home-dashboard");
  await page.goto("/demo/reports");
  await expect(page.getByRole("heading", { level: 1, name: "报表" })).toBeVisible();
  await expect(page.getByTestId("report-new-customers").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await shoot(page, "zh-reports");
});
