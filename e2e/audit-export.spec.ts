import { readFile } from "node:fs/promises";
import { expect, test } from "./support/test";
import { DEMO_SLUG, signInDemo } from "./support/demo";

// Taking a copy of the audit log or the access review out of the workspace leaves a trace: the
// downloads hold the real rows, and each download is itself an event in the audit log, naming who
// exported what.

test("exporting the audit log and the access review is recorded in the audit log", async ({ page }) => {
  await signInDemo(page, "owner@demo.relay-crm.test");

  await page.goto(`/${DEMO_SLUG}/audit?type=signin.success`);
  const auditDownload = page.waitForEvent("download");
  await page.getByTestId("audit-export").click();
  const auditCsv = await readFile((await (await auditDownload).path())!, "utf8");
  expect(auditCsv.replace(/^\uFEFF/, "").split("\r\n")[0]).toContain("Time (UTC),Event type,Event");
  expect(auditCsv).toContain("signin.success");

  await page.goto(`/${DEMO_SLUG}/access-review`);
  const reviewDownload = page.waitForEvent("download");
  await page.getByTestId("access-review-export").click();
  const reviewCsv = await readFile((await (await reviewDownload).path())!, "utf8");
  expect(reviewCsv).toContain("owner@demo.relay-crm.test");

  await page.goto(`/${DEMO_SLUG}/audit?type=records.exported`);
  const rows = page.getByTestId("audit-table").getByTestId("audit-row");
  await expect(rows.filter({ hasText: "Olivia Owner exported the access review" })).toHaveCount(1);
  const auditExport = rows.filter({ hasText: "Olivia Owner exported the audit log" });
  await expect(auditExport).toHaveCount(1);
  await expect(auditExport).toContainText("Filters: event: Signed in");
  await expect(auditExport.getByRole("link", { name: "Open the same view" })).toHaveAttribute("href", `/${DEMO_SLUG}/audit?type=signin.success`);
});
