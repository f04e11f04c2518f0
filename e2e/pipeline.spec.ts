import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { emailFor, inviteMember, PASSWORD, signUpWorkspace } from "./support/workspace";

// The pipeline end to end: a customer, an opportunity dragged across stages with the mouse and
// moved with the keyboard, its stage history, a call logged from the opportunity that shows on the
// customer's timeline, a move to Lost that asks why, and a Sales rep restricted to their own
// records who can't open someone else's opportunity by URL.

function column(page: Page, stage: string) {
  return page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
}
function card(page: Page, title: string) {
  return page.locator(`[data-testid="board-card"][data-title="${title}"]`);
}

test("pipeline: drag, keyboard move, stage history, activities, own-records rule", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;

  // A customer, through the customer form.
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Globex Corporation");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/[a-z0-9]{20,}`));
  const customerUrl = page.url().split("?")[0]!;
  const customerId = customerUrl.split("/").pop()!;

  // An opportunity for it. A JPY amount with decimals is refused with a specific message, and
  // what was typed stays.
  await page.goto(`/${slug}/opportunities/new?customer=${customerId}`);
  await expect(page.getByTestId("picked-customer")).toHaveText("Globex Corporation");
  await page.getByLabel("Title").fill("Globex rollout");
  await page.getByLabel("Amount").fill("12,500.5");
  await page.getByLabel("Currency").selectOption("JPY");
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByText("This currency has no decimals: enter a whole amount.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Globex rollout");
  await page.getByLabel("Amount").fill("12,500");
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Globex rollout" })).toBeVisible();
  const opportunityUrl = page.url().split("?")[0]!;

  // The board: drag the card with the mouse from Qualification to Needs analysis.
  await page.goto(`/${slug}/opportunities`);
  await expect(card(page, "Globex rollout")).toBeVisible();
  await expect(column(page, "Qualification").getByTestId("column-count")).toHaveText("1");
  const handle = card(page, "Globex rollout").getByTestId("card-handle");
  const from = (await handle.boundingBox())!;
  const to = (await column(page, "Needs analysis").boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 15 });
  await page.mouse.up();
  await expect(page.getByRole("status").filter({ hasText: "“Globex rollout” moved to Needs analysis." })).toBeVisible();
  await expect(column(page, "Needs analysis").getByTestId("column-count")).toHaveText("1");
  await page.reload();
  await expect(column(page, "Needs analysis").locator('[data-testid="board-card"]')).toHaveCount(1);

  // The keyboard: focus the handle, pick up with Space, one column right, drop with Space.
  await card(page, "Globex rollout").getByTestId("card-handle").focus();
  await page.keyboard.press("Space");
  // The live region announces the pick-up, then at once where the card is.
  await expect(page.locator("[id^='DndLiveRegion']").first()).toContainText(/Picked up Globex rollout from Needs analysis\.|Globex rollout is over Needs analysis\./);
  await page.keyboard.press("ArrowRight");
  // Drop only once the board says where the card is (collisions are measured on the next frame).
  await expect(page.locator("[id^='DndLiveRegion']").first()).toContainText("Globex rollout is over Proposal.");
  await page.keyboard.press("Space");
  await expect(page.getByRole("status").filter({ hasText: "“Globex rollout” moved to Proposal." })).toBeVisible();
  await page.reload();
  await expect(column(page, "Proposal").locator('[data-testid="board-card"]')).toHaveCount(1);

  // The stage history on the record.
  await page.goto(opportunityUrl);
  const history = page.getByTestId("stage-history");
  await expect(history.getByText("Opened in Qualification")).toBeVisible();
  await expect(history.getByText("Qualification → Needs analysis")).toBeVisible();
  await expect(history.getByText("Needs analysis → Proposal")).toBeVisible();
  await expect(history.getByText(workspace.ownerName).first()).toBeVisible();

  // Log a call from the opportunity; it shows there and on the customer's timeline.
  const quickAdd = page.getByTestId("timeline-composer");
  await quickAdd.getByRole("button", { name: "Log call" }).click();
  await expect(quickAdd.getByText("Enter a subject.")).toBeVisible();
  await quickAdd.getByLabel("Subject").fill("Discovery call with IT");
  await quickAdd.getByLabel("Duration (minutes)").fill("25");
  await quickAdd.getByLabel("Outcome").selectOption({ label: "Connected" });
  await quickAdd.getByRole("button", { name: "Log call" }).click();
  await expect(page.getByText("Activity logged.")).toBeVisible();
  await expect(page.getByTestId("record-timeline").getByRole("heading", { name: "Discovery call with IT" })).toBeVisible();
  await page.goto(customerUrl);
  const customerTimeline = page.getByTestId("record-timeline");
  await expect(customerTimeline.getByRole("heading", { name: "Discovery call with IT" })).toBeVisible();
  await expect(customerTimeline.getByText("25 minutes")).toBeVisible();

  // "Move to…" Lost asks why, and refuses an empty reason.
  await page.goto(`/${slug}/opportunities`);
  await card(page, "Globex rollout").getByText("Move to…").click();
  await card(page, "Globex rollout").getByRole("button", { name: "Lost" }).click();
  const dialog = page.getByRole("dialog", { name: "Why was “Globex rollout” lost?" });
  await dialog.getByRole("button", { name: "Move to Lost" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Say why the opportunity was lost.");
  await dialog.getByLabel("Lost reason").fill("Chose a competitor");
  await dialog.getByRole("button", { name: "Move to Lost" }).click();
  await expect(page.getByRole("status").filter({ hasText: "“Globex rollout” moved to Lost." })).toBeVisible();
  await page.goto(opportunityUrl);
  await expect(page.getByRole("definition").filter({ hasText: "Chose a competitor" })).toBeVisible();
  await expect(page.getByTestId("record-history").getByText("Chose a competitor")).toBeVisible();

  // The table and the board find it by its title or by its customer's name, whatever the case.
  for (const q of ["ROLLOUT", "globex corp"]) {
    await page.goto(`/${slug}/opportunities?view=table&q=${encodeURIComponent(q)}`);
    await expect(page.getByTestId("opportunity-table").getByRole("link", { name: "Globex rollout" })).toBeVisible();
    await page.goto(`/${slug}/opportunities?q=${encodeURIComponent(q)}`);
    await expect(column(page, "Lost").getByTestId("column-count")).toHaveText("1");
  }
  await page.goto(`/${slug}/opportunities?view=table&q=nothing-like-it`);
  await expect(page.getByText("No opportunities match.")).toBeVisible();

  // CRM settings: Sales reps see only their own records.
  await page.goto(`/${slug}/settings/crm`);
  await page.getByLabel("Sales reps see only their own records").check();
  await page.getByRole("button", { name: "Save CRM settings" }).click();
  await expect(page.getByText("CRM settings saved.")).toBeVisible();

  // A Sales rep joins and can't see the owner's opportunity, by list or by URL.
  const repEmail = emailFor("rep", slug);
  const invitation = await inviteMember(page, slug, { email: repEmail, role: "Sales rep" });
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await rep.goto(invitation.link);
  await rep.getByLabel("Your name").fill("Rhea Rep");
  await rep.getByLabel("Choose a password").fill(PASSWORD);
  await rep.getByRole("button", { name: "Join workspace" }).click();
  await expect(rep).toHaveURL(`/${slug}`);
  await rep.goto(`/${slug}/opportunities?view=table`);
  await expect(rep.getByText("No opportunities match.")).toBeVisible();
  const response = await rep.goto(opportunityUrl);
  expect(response?.status()).toBe(404);
  await expect(rep.getByText("Globex rollout")).toHaveCount(0);
  await repContext.close();
});
