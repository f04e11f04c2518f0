import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signUpWorkspace } from "./support/workspace";

// Pictures of the CSV import, for people to look at: upload, column mapping, preview with errors,
// and the finished import, at desktop and phone width (one per Playwright project), light and dark.
// Saved as screenshots/<project>-<scheme>-import-<nn>-<step>.png (the folder is gitignored).

const DIR = "screenshots";

test("import screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  mkdirSync(DIR, { recursive: true });
  let n = 0;
  const shoot = async (target: Page, name: string) => {
    n += 1;
    for (const scheme of ["light", "dark"] as const) {
      await target.emulateMedia({ colorScheme: scheme });
      await target.evaluate(() => document.fonts.ready);
      await target.screenshot({
        path: `${DIR}/${testInfo.project.name}-${scheme}-import-${String(n).padStart(2, "0")}-${name}.png`,
        fullPage: true,
        animations: "disabled",
        caret: "hide",
      });
    }
    await target.emulateMedia({ colorScheme: "light" });
  };

  const { slug } = await signUpWorkspace(page, { companyName: "Northwind Traders", ownerName: "Olivia Owner" });
  await page.goto(`/${slug}/customers/import`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import customers and contacts");
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("import-error")).toHaveText("Choose a CSV file to upload.");
  await shoot(page, "upload");

  await page.getByLabel("CSV file").setInputFiles(path.join(import.meta.dirname, "fixtures", "import-customers.csv"));
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByRole("heading", { name: "Map columns" })).toBeVisible();
  await page.getByLabel("Import column “Owner” as").selectOption("");
  await page.getByLabel("Import column “公司名称” as").selectOption("");
  await expect(page.getByTestId("mapping-problems")).toBeVisible();
  await shoot(page, "mapping-incomplete");
  await page.getByLabel("Import column “公司名称” as").selectOption("name");
  await page.getByLabel("Import column “Owner” as").selectOption("owner");
  await shoot(page, "mapping");

  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByTestId("problem-rows")).toBeVisible();
  await shoot(page, "preview-errors");

  await page.getByRole("button", { name: /^Import \d+ rows?$/ }).click();
  await expect(page.getByTestId("import-done")).toBeVisible();
  await shoot(page, "done");

  await page.goto(`/${slug}/customers/import`);
  await expect(page.getByTestId("import-history")).toBeVisible();
  await shoot(page, "history");
});
