import path from "node:path";
import { expect, test } from "../support/test";
import { camera } from "../support/screenshots";
import { signUpWorkspace } from "../support/workspace";

// Pictures of the CSV import: upload, column mapping, preview with errors, and the finished
// import (e2e/support/screenshots.ts says how and where).

test("import screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const shoot = camera(testInfo, "import");

  const { slug } = await signUpWorkspace(page, { companyName: "Northwind Traders", ownerName: "Olivia Owner" });
  await page.goto(`/${slug}/customers/import`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import customers and contacts");
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("import-error")).toHaveText("Choose a CSV file to upload.");
  await shoot(page, "upload");

  await page.getByLabel("CSV file").setInputFiles(path.join(import.meta.dirname, "..", "fixtures", "import-customers.csv"));
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
