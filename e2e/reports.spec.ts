import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signInDemo } from "./support/demo";

// The Reports page on the seeded demo workspace (scripts/e2e-server.mjs seeds it): every chart is
// drawn, a filter change redraws the charts and lands in the URL, a bad URL filter is explained
// and ignored, the CSV download holds the data table's numbers, the PNG download is a PNG, and
// the home page's four figures link to the reports.

const DEMO = "demo";
const CHARTS = ["pipeline", "funnel", "forecast", "won-lost", "win-rate", "days-to-won", "activities-week", "activities-owner", "new-customers"];

/** The data table's cells (their exact values, as the CSV writes them), header first. */
async function tableValues(page: Page, id: string): Promise<string[][]> {
  const card = page.getByTestId(`report-${id}`);
  const table = card.getByTestId(`table-${id}`);
  if (!(await table.isVisible())) await card.getByText("Show the data table").click();
  await expect(table).toBeVisible();
  const header = await table.locator("thead th").allInnerTexts();
  const rows = await table.locator("tbody tr, tfoot tr").evaluateAll((lines) =>
    lines.map((line) => [...line.querySelectorAll("th, td")].map((cell) => cell.getAttribute("data-value") ?? "")),
  );
  return [header.map((text) => text.trim()), ...rows];
}

/** A CSV as rows of cells (the writer quotes cells with commas; none of these numbers have any). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, "").split("\r\n")) {
    if (!line) continue;
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const char = line[i]!;
      if (quoted) {
        if (char === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (char === '"') quoted = false;
        else cell += char;
      } else if (char === '"') quoted = true;
      else if (char === ",") {
        cells.push(cell);
        cell = "";
      } else cell += char;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

async function download(page: Page, button: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** The chart itself (legend icons are small SVGs of the same class). */
const chartSvg = (card: Locator) => card.locator(".recharts-wrapper > svg.recharts-surface");

test.beforeEach(async ({ page }) => {
  await signInDemo(page);
});

test("every chart is drawn from the seed data, with its explanation and data table", async ({ page }) => {
  await page.goto(`/${DEMO}/reports`);
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  for (const id of CHARTS) {
    const card = page.getByTestId(`report-${id}`);
    await expect(card.getByRole("heading", { level: 2 })).toBeVisible();
    await expect(chartSvg(card)).toBeVisible();
    // Bars or a line were drawn, not just axes.
    await expect(card.locator(".recharts-bar-rectangle, .recharts-line-curve").first()).toBeAttached();
    await expect(card.locator(".recharts-legend-wrapper")).toBeVisible();
  }
  const wonLost = await tableValues(page, "won-lost");
  expect(wonLost[0]).toEqual(["Month", "Won", "Lost", expect.stringMatching(/^Won value \([A-Z]{3}\)$/)]);
  // The last 12 months roll up to today (a year ago tomorrow to today, no future days): every
  // month they touch is present even when empty, the two partial ones included, plus the total.
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1));
  const months = (now.getUTCFullYear() - from.getUTCFullYear()) * 12 + now.getUTCMonth() - from.getUTCMonth() + 1;
  expect(wonLost).toHaveLength(1 + months + 1);
  expect(wonLost[1]![0]).toBe(from.toISOString().slice(0, 7));
  expect(wonLost.at(-2)![0]).toBe(now.toISOString().slice(0, 7));
  // A tooltip appears on hover.
  const pipeline = page.getByTestId("chart-pipeline");
  await pipeline.locator(".recharts-bar-rectangle").first().hover();
  await expect(pipeline.locator(".recharts-tooltip-wrapper")).toContainText("Value");
});

test("a filter change redraws the charts and is kept in the URL", async ({ page }) => {
  await page.goto(`/${DEMO}/reports`);
  const before = await tableValues(page, "won-lost");
  await page.getByLabel("Date range", { exact: true }).selectOption("this-year");
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Ravi Rep" });
  await page.getByRole("button", { name: "Show reports" }).click();
  await expect(page).toHaveURL(/range=this-year/);
  await expect(page).toHaveURL(/owner=/);
  const year = new Date().getUTCFullYear();
  const after = await tableValues(page, "won-lost");
  // January to December of this year, then the total.
  expect(after.slice(1, -1).map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`));
  expect(after).not.toEqual(before);
  // Only Ravi's deals in the win rate.
  const winRate = await tableValues(page, "win-rate");
  for (const row of winRate.slice(1)) expect(row[0]).toBe("Ravi Rep");
  // The form shows the choice, and reloading the URL gives the same page.
  await page.reload();
  await expect(page.getByLabel("Date range", { exact: true })).toHaveValue("this-year");
  await expect(page.getByLabel("Owner", { exact: true })).not.toHaveValue("");
});

test("bad filters in the URL are explained, and the page renders with the rest", async ({ page }) => {
  await page.goto(`/${DEMO}/reports?range=custom&from=2026-05-01&to=2026-01-01&owner=nobody&stage=nothing&tag=`);
  const alert = page.getByTestId("report-filter-errors");
  await expect(alert).toHaveAttribute("role", "alert");
  await expect(alert).toContainText("The “From” date is after the “To” date.");
  await expect(alert).toContainText("That owner isn't a member of this workspace you can report on.");
  await expect(alert).toContainText("That pipeline stage doesn't exist in this workspace.");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-05-01");
  await expect(page.getByLabel("From", { exact: true })).toHaveAttribute("aria-invalid", "true");
  for (const id of CHARTS) await expect(chartSvg(page.getByTestId(`report-${id}`))).toBeVisible();
});

test("CSV downloads hold the data table's numbers; PNG downloads are PNG images", async ({ page }) => {
  await page.goto(`/${DEMO}/reports`);
  for (const id of ["pipeline", "forecast", "won-lost", "new-customers"]) {
    const table = await tableValues(page, id);
    const csv = await download(page, page.getByTestId(`csv-${id}`));
    expect(csv.name).toMatch(new RegExp(`^demo-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}-${id}\\.csv$`));
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(csv.bytes.toString("utf8"))).toEqual(table);
    // Real numbers, not all zeros.
    expect(table.slice(1).some((row) => row.slice(1).some((cell) => Number(cell) > 0))).toBe(true);
  }
  const png = await download(page, page.getByTestId("png-won-lost"));
  expect(png.name).toMatch(/-won-lost\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // The chart itself (bars, axes, labels), not a blank canvas.
  expect(png.bytes.length).toBeGreaterThan(10_000);
});

test("the home page shows the four headline figures, each linking to its report", async ({ page }) => {
  await page.goto(`/${DEMO}`);
  const figures = page.getByTestId("headline-figures");
  await expect(figures.getByRole("listitem")).toHaveCount(4);
  await expect(page.getByTestId("headline-openPipeline")).toContainText(/Open pipeline.*\d/s);
  await expect(page.getByTestId("headline-overdueTasks")).toHaveAttribute("href", `/${DEMO}/tasks`);
  await page.getByTestId("headline-forecastQuarter").click();
  await expect(page).toHaveURL(`/${DEMO}/reports?range=this-quarter#forecast`, { timeout: 30_000 });
  await expect(page.getByLabel("Date range", { exact: true })).toHaveValue("this-quarter");
  await expect(chartSvg(page.getByTestId("report-forecast"))).toBeVisible();
});

/** The category axis' labels as drawn under the bars. */
// Recharts draws the labels in a layer of their own (z-index), not inside the axis' group; a label
// it wraps onto lines is one <text> with a <tspan> per line.
const axisLabels = (card: Locator) =>
  card
    .locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")
    .evaluateAll((labels) => labels.map((label) => ([...label.querySelectorAll("tspan")].map((line) => line.textContent).join(" ") || label.textContent || "").trim()));

for (const width of [1280, 390]) {
  test(`every bar has its label at ${width} px: each month of won vs lost, each pipeline stage`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/${DEMO}/reports`);
    const months = (await tableValues(page, "won-lost")).slice(1, -1);
    const wonLost = page.getByTestId("report-won-lost");
    await expect(chartSvg(wonLost)).toBeVisible();
    // One label per month, none skipped, in the order of the table.
    await expect.poll(() => axisLabels(wonLost).then((labels) => labels.length)).toBe(months.length);
    const monthLabels = await axisLabels(wonLost);
    expect(monthLabels.every((label) => /\d/.test(label))).toBe(true);
    expect(new Set(monthLabels).size).toBe(months.length);

    const stages = (await tableValues(page, "pipeline")).slice(1, -1).map((row) => row[0]!);
    const pipeline = page.getByTestId("report-pipeline");
    await expect.poll(() => axisLabels(pipeline)).toHaveLength(stages.length);
    const stageLabels = await axisLabels(pipeline);
    // The first stage is labelled like the rest, each label is its stage (shortened at most), and
    // no category is drawn that the table doesn't have.
    stageLabels.forEach((label, index) => {
      expect(label.trim()).not.toBe("");
      expect(stages[index]!.startsWith(label.replace(/…$/, ""))).toBe(true);
    });
    // A stage worth 0 in this currency (the demo's Qualification holds only EUR and JPY deals) has
    // no bar to draw, but never a bar without a stage.
    expect(await pipeline.locator(".recharts-bar-rectangle").count()).toBeLessThanOrEqual(stages.length);
  });
}

test("in Chinese, the charts, their legends, tables and CSV files speak Chinese, never codes", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "relay_locale", value: "zh-CN", url: baseURL! }]);
  await page.goto(`/${DEMO}/reports`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("报表");
  const wonLost = page.getByTestId("report-won-lost");
  // Each chart streams in as its query answers, and is drawn once the browser has measured it.
  await expect(chartSvg(wonLost)).toBeVisible({ timeout: 30_000 });
  await expect(wonLost.locator(".recharts-legend-wrapper")).toContainText("赢单");
  await expect(wonLost.locator(".recharts-legend-wrapper")).toContainText("输单");
  await expect.poll(() => axisLabels(wonLost).then((labels) => labels.length > 0 && labels.every((label) => /月/.test(label)))).toBe(true);

  const sources = page.getByTestId("report-new-customers");
  await expect(chartSvg(sources)).toBeVisible();
  const legend = await sources.locator(".recharts-legend-wrapper").innerText();
  // Stored codes (advertising, coldCall, socialMedia…) never reach the reader.
  expect(legend).not.toMatch(/[a-z][A-Z]|advertising|referral|website|partner/);
  expect(legend).toMatch(/[\u4e00-\u9fff]/);

  for (const id of ["pipeline", "won-lost", "new-customers", "activities-owner"]) {
    const card = page.getByTestId(`report-${id}`);
    const summary = card.getByText("显示数据表");
    await summary.click();
    const table = card.getByTestId(`table-${id}`);
    await expect(table).toBeVisible();
    const header = (await table.locator("thead th").allInnerTexts()).map((text) => text.trim());
    const csv = parseCsv((await download(page, page.getByTestId(`csv-${id}`))).bytes.toString("utf8"));
    // The CSV's header is the table's, in Chinese; no column is named by a code.
    expect(csv[0]).toEqual(header);
    for (const name of header) expect(name).not.toMatch(/^[a-z]+([A-Z][a-z]+)*$|^[A-Z_]{3,}$/);
    expect(header.some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
  }
});
