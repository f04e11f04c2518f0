import { expect, test } from "./support/test";
import { signUpWorkspace } from "./support/workspace";
import { newCustomer } from "./support/customers";

// The record page as a salesperson uses it: details beside the timeline on a desktop, one column
// with a jump to the timeline on a phone (record-page-phone.spec.ts, the phone project); the composer's tabs for call, email, meeting, note and
// task driven by keyboard, keeping what was typed when refused; a reminder in the past refused;
// the record's open tasks on top of the timeline, an overdue one marked in words; and the
// composer working without JavaScript. The browser's clock and zone are UTC (playwright.config).

const ANSWER = { timeout: 20_000 };

const isoDate = (at: Date) => at.toISOString().slice(0, 10);
const isoTime = (at: Date) => at.toISOString().slice(11, 16);

test("desktop: details beside the timeline; the composer by keyboard; past reminders refused; overdue tasks marked", async ({ page }) => {
  test.setTimeout(240_000);
  const { slug } = await signUpWorkspace(page);
  const customerUrl = await newCustomer(page, slug, "Initech");

  // Two columns at 1280 px: the details on the left, the timeline on the right, side by side.
  const details = page.getByTestId("record-details");
  const timeline = page.getByTestId("record-timeline-column");
  const [left, right] = [await details.boundingBox(), await timeline.boundingBox()];
  expect(left && right).toBeTruthy();
  expect(right!.x).toBeGreaterThanOrEqual(left!.x + left!.width);
  expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);
  await expect(page.getByTestId("record-jump")).toBeHidden();

  // The composer: Call is chosen; arrow keys move along the tabs and the fields follow them.
  const composer = page.getByTestId("timeline-composer");
  const call = composer.getByRole("radio", { name: "Call", exact: true });
  await expect(call).toBeChecked();
  await expect(composer.getByLabel("Duration (minutes)")).toBeVisible();
  await expect(composer.getByLabel("Who took part")).toBeHidden();
  await call.focus();
  await page.keyboard.press("ArrowRight");
  await expect(composer.getByRole("radio", { name: "Email", exact: true })).toBeChecked();
  await expect(composer.getByLabel("Who took part")).toBeVisible();
  await expect(composer.getByLabel("Duration (minutes)")).toBeHidden();
  await expect(composer.getByRole("button", { name: "Log email" })).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(composer.getByRole("radio", { name: "Note", exact: true })).toBeChecked();
  await expect(composer.getByLabel("When")).toBeHidden();
  await page.keyboard.press("ArrowRight");
  await expect(composer.getByRole("radio", { name: "Task", exact: true })).toBeChecked();
  await expect(composer.getByLabel("Due date")).toBeVisible();
  await expect(composer.getByRole("textbox", { name: "Subject", exact: true })).toHaveCount(0);

  // A task due yesterday is refused by the server; everything typed stays, on the Task tab.
  const yesterday = new Date(Date.now() - 86_400_000);
  await composer.getByRole("textbox", { name: "Task", exact: true }).fill("Send the renewal quote");
  await composer.getByLabel("Notes").fill("Include the 3-year option");
  await composer.getByLabel("Due date").fill(isoDate(yesterday));
  await composer.getByRole("button", { name: "Create task" }).click();
  await expect(composer.getByText("That time has already passed. Choose a due date and time from now on.")).toBeVisible();
  await expect(composer.getByLabel("Due date")).toBeFocused();
  await expect(composer.getByRole("radio", { name: "Task", exact: true })).toBeChecked();
  await expect(composer.getByRole("textbox", { name: "Task", exact: true })).toHaveValue("Send the renewal quote");
  await expect(composer.getByLabel("Notes")).toHaveValue("Include the 3-year option");
  const tasks = page.getByTestId("record-tasks");
  await expect(tasks.getByText("No open tasks for this record.")).toBeVisible();

  // Next week it is accepted; the form starts fresh, still on the Task tab.
  const nextWeek = new Date(Date.now() + 7 * 86_400_000);
  await composer.getByLabel("Due date").fill(isoDate(nextWeek));
  await composer.getByRole("button", { name: "Create task" }).click();
  await expect(composer.getByRole("status")).toContainText("Task added.");
  await expect(composer.getByRole("textbox", { name: "Task", exact: true })).toHaveValue("");
  await expect(composer.getByRole("textbox", { name: "Task", exact: true })).toBeFocused();
  const later = tasks.getByTestId("task-item").filter({ hasText: "Send the renewal quote" });
  await expect(later).toBeVisible();
  await expect(later).not.toHaveAttribute("data-overdue", "true");
  await expect(later.getByText("Overdue")).toHaveCount(0);

  // One due this very minute is accepted and is overdue as soon as the minute has begun.
  const now = new Date();
  await composer.getByRole("textbox", { name: "Task", exact: true }).fill("Call back before lunch");
  await composer.getByLabel("Due date").fill(isoDate(now));
  await composer.getByLabel("Due time").fill(isoTime(now));
  await composer.getByRole("button", { name: "Create task" }).click();
  await expect(composer.getByRole("status")).toContainText("Task added.");
  await page.reload();
  const overdue = tasks.getByTestId("task-item").filter({ hasText: "Call back before lunch" });
  await expect(overdue).toHaveAttribute("data-overdue", "true");
  await expect(overdue.getByTestId("task-overdue")).toHaveText("Overdue");
  // Open tasks sit above the timeline's entries.
  const tasksBox = await tasks.boundingBox();
  await expect(page.getByTestId("record-timeline").getByText("Nothing has happened here yet.")).toBeVisible();
  const emptyBox = await page.getByTestId("record-timeline").getByText("Nothing has happened here yet.").boundingBox();
  expect(tasksBox!.y).toBeLessThan(emptyBox!.y);

  // A meeting without a subject is refused in the browser; the names typed stay.
  await composer.getByRole("radio", { name: "Meeting", exact: true }).check();
  await composer.getByLabel("Who took part").fill("Bill Lumbergh, Peter Gibbons");
  await composer.getByRole("button", { name: "Log meeting" }).click();
  await expect(composer.getByText("Enter a subject.")).toBeVisible();
  await expect(composer.getByLabel("Subject")).toBeFocused();
  await expect(composer.getByLabel("Who took part")).toHaveValue("Bill Lumbergh, Peter Gibbons");
  await page.keyboard.type("Quarterly review");
  await page.keyboard.press("Enter");
  await expect(composer.getByRole("status")).toContainText("Activity logged.");
  const meeting = page.getByTestId("timeline-entry").filter({ hasText: "Quarterly review" });
  await expect(meeting).toContainText("Meeting");
  await expect(meeting).toContainText("With Bill Lumbergh, Peter Gibbons");

  // A note typed on the Call tab with a duration: the duration doesn't follow it to the Note tab.
  await composer.getByRole("radio", { name: "Call", exact: true }).check();
  await composer.getByLabel("Subject").fill("Prefers email");
  await composer.getByLabel("Duration (minutes)").fill("15");
  await composer.getByRole("radio", { name: "Note", exact: true }).check();
  await composer.getByRole("button", { name: "Save note" }).click();
  await expect(composer.getByRole("status")).toContainText("Activity logged.");
  const note = page.getByTestId("timeline-entry").filter({ hasText: "Prefers email" });
  await expect(note).toContainText("Note");
  await expect(note).not.toContainText("15 minutes");

  // The overdue task's edit page flags it; renaming it keeps its time, moving it into the past doesn't.
  await overdue.getByRole("link", { name: "Edit “Call back before lunch”" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit task" })).toBeVisible();
  await expect(page.getByTestId("task-overdue-flag")).toContainText("Overdue");
  await page.getByLabel("Due date").fill(isoDate(yesterday));
  await page.getByRole("button", { name: "Save task" }).click();
  await expect(page.getByText("That time has already passed. Choose a due date and time from now on.")).toBeVisible();
  await page.getByLabel("Due date").fill(isoDate(now));
  await page.getByLabel("What needs doing").fill("Call back after lunch");
  await page.getByRole("button", { name: "Save task" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/tasks\\?saved=1`));
  await page.goto(customerUrl);
  await expect(tasks.getByTestId("task-item").filter({ hasText: "Call back after lunch" })).toHaveAttribute("data-overdue", "true");
});

test("without JavaScript the composer switches tabs, refuses a past task keeping the text, and logs a note", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const { slug } = await signUpWorkspace(page);
  const customerUrl = await newCustomer(page, slug, "Initial Holdings");
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const bare = await noJs.newPage();
  await bare.goto(customerUrl);

  const composer = bare.getByTestId("timeline-composer");
  await composer.getByRole("radio", { name: "Task", exact: true }).check();
  await expect(composer.getByLabel("Due date")).toBeVisible();
  await composer.getByRole("textbox", { name: "Task", exact: true }).fill("Chase the signature");
  await composer.getByLabel("Due date").fill(isoDate(new Date(Date.now() - 86_400_000)));
  await composer.getByRole("button", { name: "Create task" }).click(ANSWER);
  await expect(bare.getByText("That time has already passed. Choose a due date and time from now on.")).toBeVisible(ANSWER);
  const again = bare.getByTestId("timeline-composer");
  await expect(again.getByRole("radio", { name: "Task", exact: true })).toBeChecked();
  await expect(again.getByRole("textbox", { name: "Task", exact: true })).toHaveValue("Chase the signature");

  await again.getByRole("radio", { name: "Note", exact: true }).check();
  await again.getByLabel("Subject").fill("Met at the trade fair");
  await again.getByRole("button", { name: "Save note" }).click(ANSWER);
  await expect(bare.getByTestId("timeline-entry").filter({ hasText: "Met at the trade fair" })).toBeVisible(ANSWER);
  await noJs.close();
});
