import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/test";
import { signUpWorkspace } from "./support/workspace";
import { parseCsv } from "../lib/csv/csv-parser";

// CSV import as a workspace owner does it: upload a file with good and bad rows, check the column
// mapping, see every problem in the preview, import, watch the progress finish, download the rows
// that were refused, and find the imported customers in the list.

const FIXTURES = path.join(import.meta.dirname, "fixtures");

test("import customers from a CSV with good and bad rows", async ({ page }) => {
  test.setTimeout(120_000);
  const { slug } = await signUpWorkspace(page);
  await page.goto(`/${slug}/customers`);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import customers and contacts");

  // Nothing chosen: a specific message, announced.
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("import-error")).toHaveText("Choose a CSV file to upload.");

  await page.getByLabel("CSV file").setInputFiles(path.join(FIXTURES, "import-customers.csv"));
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByRole("heading", { name: "Map columns" })).toBeVisible();
  await expect(page.getByTestId("import-file-summary")).toHaveText("import-customers.csv: 6 rows, separated by commas.");
  await expect(page.getByTestId("import-encoding")).toContainText("Detected: UTF-8.");
  // Chinese and English headers were recognised; the unknown "Memo" column is not imported yet.
  await expect(page.getByLabel("Import column “公司名称” as")).toHaveValue("name");
  await expect(page.getByLabel("Import column “Owner” as")).toHaveValue("owner");
  await expect(page.getByLabel("Import column “Memo” as")).toHaveValue("");

  // Unmapping the required column explains what is missing and blocks the next step.
  await page.getByLabel("Import column “公司名称” as").selectOption("");
  await expect(page.getByTestId("mapping-problems")).toContainText("Choose a column for “Name”: it is required.");
  await expect(page.getByRole("button", { name: "Check rows" })).toBeDisabled();
  await page.getByLabel("Import column “公司名称” as").selectOption("name");
  await page.getByLabel("Import column “Memo” as").selectOption("notes");
  await page.getByRole("button", { name: "Check rows" }).click();

  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByTestId("import-summary")).toHaveText("3 rows are ready to import; 3 rows have errors and will not be imported.");
  const problems = page.getByTestId("problem-rows");
  await expect(problems.getByRole("row", { name: /^6 / })).toContainText("Name: ");
  await expect(problems.getByRole("row", { name: /^7 / })).toContainText("Website: ");
  await expect(problems.getByRole("row", { name: /^8 / })).toContainText("Owner (name or email): No active member is called “ghost@example.test”");

  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/import/jobs/`));
  await expect(page.getByTestId("import-done")).toHaveText("Import finished: 3 records imported, 3 rows not imported.");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "6");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the rows that were not imported (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("import-customers-errors.csv");
  const report = parseCsv(readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, ""));
  expect(report.header).toEqual(["公司名称", "Phone", "Website", "Status", "Industry", "Owner", "Memo", "Line", "Error"]);
  expect(report.records.map((record) => [record.cells[7], record.cells[8].split(":")[0]])).toEqual([
    ["6", "Name"],
    ["7", "Website"],
    ["8", "Owner (name or email)"],
  ]);

  // The import is listed, and the customers are in the list (the Chinese name too).
  await page.goto(`/${slug}/customers/import`);
  await expect(page.getByTestId("import-history")).toContainText("import-customers.csv");
  await page.goto(`/${slug}/customers?q=${encodeURIComponent("华辰")}`);
  await expect(page.getByRole("link", { name: "华辰科技有限公司" }).first()).toBeVisible();
  await page.goto(`/${slug}/customers?q=mueller.example`);
  await expect(page.getByRole("link", { name: "Müller Maschinenbau GmbH" }).first()).toBeVisible();
});

test("a GB18030 file from Chinese Excel imports with its Chinese names", async ({ page }) => {
  test.setTimeout(90_000);
  const { slug } = await signUpWorkspace(page);
  await page.goto(`/${slug}/customers/import`);
  await page.getByLabel("CSV file").setInputFiles(path.join(FIXTURES, "import-customers-gb18030.csv"));
  await page.getByRole("button", { name: "Read file" }).click();
  await expect(page.getByTestId("import-encoding")).toContainText("Detected: GB18030 / GBK (Simplified Chinese).");
  await expect(page.getByRole("row", { name: /名称/ })).toContainText("深圳智联电子");
  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("2 rows are ready to import; no row has errors.");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Import finished: 2 records imported, 0 rows not imported.");
  await expect(page.getByRole("link", { name: /Download the rows/ })).toHaveCount(0);
});
