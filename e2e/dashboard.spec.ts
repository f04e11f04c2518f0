import type { Locator, Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { signInDemo } from "./support/demo";

// The home page's report cards (issue 15, item 11): a member picks which report cards show and in
// which order, each with its filters, by mouse and by keyboard; it is kept for them alone; an
// Owner publishes a dashboard that others switch to without being able to change it.

const DEMO = "demo";

const cards = (page: Page) => page.getByTestId("home-dashboard").locator("ol > li");
const order = (page: Page) => cards(page).evaluateAll((items) => items.map((item) => item.getAttribute("data-report")));
const chartOf = (card: Locator) => card.locator(".recharts-wrapper > svg.recharts-surface");

test("a member adds, moves, filters and removes report cards with the mouse, and finds them so again", async ({ page }) => {
  await signInDemo(page, "manager@demo.relay-crm.test");
  await page.goto(`/${DEMO}`);
  const dashboard = page.getByTestId("home-dashboard");
  await expect(dashboard.locator("#report-cards-heading")).toHaveText("Report cards");
  await expect.poll(() => order(page)).toEqual(["pipeline", "won-lost", "forecast", "activities-week"]);
  // Drawn by the Reports page's chart: bars and a legend, not a placeholder.
  for (const card of await cards(page).all()) await expect(chartOf(card)).toBeVisible();

  await page.getByTestId("dashboard-edit").click();
  await expect(page).toHaveURL(/\?edit=1/);
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Win rate by owner" });
  await page.getByRole("button", { name: "Add card" }).click();
  await expect.poll(() => order(page)).toEqual(["pipeline", "won-lost", "forecast", "activities-week", "win-rate"]);
  await expect(chartOf(cards(page).nth(4))).toBeVisible();

  await page.getByRole("button", { name: "Move up “Win rate by owner”" }).click();
  await expect.poll(() => order(page)).toEqual(["pipeline", "won-lost", "forecast", "win-rate", "activities-week"]);

  const filters = page.getByRole("form", { name: "Filters for “Win rate by owner”" });
  await filters.getByLabel("Date range").selectOption("this-quarter");
  await filters.getByLabel("Owner").selectOption({ label: "Ravi Rep" });
  await filters.getByRole("button", { name: /Apply/ }).click();
  await expect(cards(page).nth(3).getByTestId("card-filters")).toHaveText("This quarter · Ravi Rep");
  // The card shows only Ravi's deals.
  await cards(page).nth(3).getByText("Show the data table").click();
  for (const row of await cards(page).nth(3).locator("tbody tr th").allInnerTexts()) expect(row).toBe("Ravi Rep");

  await page.getByRole("button", { name: "Remove “Pipeline value by stage”" }).click();
  await expect.poll(() => order(page)).toEqual(["won-lost", "forecast", "win-rate", "activities-week"]);

  await page.getByTestId("dashboard-done").click();
  await expect(page).not.toHaveURL(/edit=1/);
  await page.reload();
  await expect.poll(() => order(page)).toEqual(["won-lost", "forecast", "win-rate", "activities-week"]);
  await expect(cards(page).nth(2).getByTestId("card-filters")).toHaveText("This quarter · Ravi Rep");
  await expect(page.getByRole("button", { name: /Move up/ })).toHaveCount(0);
});

test("the same with the keyboard alone: focus stays on the card being moved", async ({ page }) => {
  await signInDemo(page, "viewer@demo.relay-crm.test");
  await page.goto(`/${DEMO}?edit=1`);
  await expect.poll(() => order(page)).toEqual(["pipeline", "won-lost", "forecast", "activities-week"]);
  // The first card's "Move down" ("Move up" is disabled on the first card, so not in the tab order).
  const moveDown = page.getByRole("button", { name: "Move down “Pipeline value by stage”" });
  await moveDown.focus();
  await expect(moveDown).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => order(page)).toEqual(["won-lost", "pipeline", "forecast", "activities-week"]);
  await expect(moveDown).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => order(page)).toEqual(["won-lost", "forecast", "pipeline", "activities-week"]);

  // Shift+Tab reaches "Move up", Enter moves it back one place.
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Move up “Pipeline value by stage”" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => order(page)).toEqual(["won-lost", "pipeline", "forecast", "activities-week"]);

  // Add a card from the keyboard: the report list, then Tab to "Add card".
  const report = page.getByLabel("Report", { exact: true });
  await report.focus();
  await report.selectOption({ label: "New customers per month" });
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add card" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => order(page)).toEqual(["won-lost", "pipeline", "forecast", "activities-week", "new-customers"]);
});

test("an Owner publishes a dashboard; a Sales rep switches to it, can't change it, and goes back to their own", async ({ page, browser }) => {
  await signInDemo(page, "owner@demo.relay-crm.test");
  await page.goto(`/${DEMO}?edit=1`);
  const publish = page.getByTestId("dashboard-publish");
  // A name is required, and the error is said and shown beside the field.
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish.getByText("Give the dashboard a name.")).toBeVisible();
  await expect(publish.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await publish.getByLabel("Name").fill("Team pipeline");
  await publish.getByLabel("Who can switch to it").selectOption("SALES_REP");
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(publish.getByRole("status")).toHaveText("Published. Members can now switch to it.");
  await expect(page.getByTestId("dashboard-published")).toContainText("Team pipeline · Sales reps");
  const published = await order(page);

  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const rep = await context.newPage();
  await signInDemo(rep, "rep@demo.relay-crm.test");
  await rep.goto(`/${DEMO}`);
  await rep.getByLabel("Dashboard", { exact: true }).selectOption({ label: "Team pipeline" });
  await rep.getByRole("button", { name: "Show", exact: true }).click();
  await expect(rep.locator("#report-cards-heading")).toHaveText("Team pipeline");
  await expect(rep.getByTestId("dashboard-shared-note")).toContainText("which your workspace shares");
  await expect.poll(() => order(rep)).toEqual(published);
  // No controls that would change it, not even by the address.
  await expect(rep.getByTestId("dashboard-edit")).toHaveCount(0);
  await rep.goto(`/${DEMO}?edit=1`);
  await expect(rep.getByRole("button", { name: /Move up|Move down|Remove/ })).toHaveCount(0);

  // Back on their own dashboard (still at ?edit=1), its controls are there again, and the
  // switcher says which one is shown.
  await rep.getByTestId("dashboard-show-own").click();
  await expect(rep.locator("#report-cards-heading")).toHaveText("Report cards");
  await expect(rep.getByRole("button", { name: /^Move down/ }).first()).toBeVisible();
  await expect(rep.getByLabel("Dashboard", { exact: true })).toHaveValue("");
  await context.close();

  // Taken down, it is gone from the switcher.
  await page.reload();
  await page.getByTestId("dashboard-published").getByRole("button", { name: "Take down Team pipeline" }).click();
  await expect(page.getByTestId("dashboard-published")).toHaveCount(0);
});
