import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signInDemo } from "./support/demo";

// Pictures of the Reports page and the home dashboard on the seeded demo workspace, for people to
// look at: desktop and phone width (one per Playwright project), light and dark, English and
// Chinese. Saved as screenshots/<project>-<scheme>-reports-<nn>-<page>.png.

const DIR = "screenshots";
const SCHEMES = ["light", "dark"] as const;

test("reports screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  mkdirSync(DIR, { recursive: true });
  let n = 0;
  const shoot = async (target: Page, name: string) => {
    n += 1;
    for (const scheme of SCHEMES) {
      await target.emulateMedia({ colorScheme: scheme });
      // The charts pick their colours from the scheme: let them redraw.
      await target.waitForTimeout(300);
      await target.screenshot({
        path: `${DIR}/${testInfo.project.name}-${scheme}-reports-${String(n).padStart(2, "0")}-${name}.png`,
        fullPage: true,
        animations: "disabled",
        caret: "hide",
      });
    }
    await target.emulateMedia({ colorScheme: "light" });
  };

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

  await page.context().addCookies([{ name: "relay_locale", value: "zh-CN", url: "http://localhost:3100" }]);
  await page.goto("/demo");
  await expect(page.getByTestId("headline-figures")).toContainText("概览");
  await shoot(page, "zh-home-dashboard");
  await page.goto("/demo/reports");
  await expect(page.getByRole("heading", { level: 1, name: "报表" })).toBeVisible();
  await expect(page.getByTestId("report-new-customers").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await shoot(page, "zh-reports");
});
