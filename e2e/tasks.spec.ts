import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signUpWorkspace } from "./support/workspace";

// Reminders end to end: a customer made through the customer form, a "Remind me" on it, the task
// in "My tasks" and the nav badge, the due-time email sent by the background worker (the schedule
// in PostgreSQL), the daily digest sent through the real handler via the dev-only trigger, and
// completing the task clears the badge.

/** The newest outbox message to `to` whose subject matches, with its plain text. */
async function emailWithSubject(page: Page, to: string, subject: string | RegExp, timeout = 90_000) {
  const mailbox = await page.context().newPage();
  try {
    const message = mailbox.getByTestId("mailbox-message").filter({ has: mailbox.getByTestId("mailbox-subject").filter({ hasText: subject }) });
    await expect(async () => {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
      await expect(message.first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout, intervals: [2_000] });
    return { count: await message.count(), text: (await message.first().locator("pre").textContent()) ?? "" };
  } finally {
    await mailbox.close();
  }
}

test("reminders: remind me on a customer, My tasks, badge, due-time email, daily digest", async ({ page }) => {
  test.setTimeout(240_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;

  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Initech");
  await page.getByRole("button", { name: "Create customer" }).click();
  // Wait for the new customer's page (not /customers/new, which the same pattern would match).
  await expect(page.getByRole("heading", { level: 1, name: "Initech" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/(?!new)[a-z0-9]+`));
  const customerUrl = page.url().split("?")[0]!;

  // A reminder without a real date is refused with a specific message; what was typed stays.
  const tasks = page.getByTestId("record-tasks");
  await expect(tasks.getByText("No open tasks for this record.")).toBeVisible();
  // "Remind me" folds away under the record's open tasks.
  await tasks.getByText("Remind me", { exact: true }).click();
  const reminder = tasks.getByTestId("quick-reminder-form");
  await reminder.getByLabel("Reminder").fill("Call Initech about the renewal");

  // Yesterday is refused by the server with its own message, and nothing typed is lost.
  const yesterday = new Date(Date.now() - 86_400_000);
  await reminder.getByLabel("Due date").fill(yesterday.toISOString().slice(0, 10));
  await reminder.getByRole("button", { name: "Set reminder" }).click();
  await expect(reminder.getByText("That time has already passed. Choose a due date and time from now on.")).toBeVisible();
  await expect(reminder.getByLabel("Due date")).toHaveValue(yesterday.toISOString().slice(0, 10));
  await expect(reminder.getByLabel("Reminder")).toHaveValue("Call Initech about the renewal");
  await expect(tasks.getByText("No open tasks for this record.")).toBeVisible();

  await reminder.getByLabel("Due date").fill("");
  await reminder.getByRole("button", { name: "Set reminder" }).click();
  await expect(reminder.getByText("Enter a real date, like 2026-12-01.")).toBeVisible();
  await expect(reminder.getByLabel("Due date")).toBeFocused();
  await expect(reminder.getByLabel("Reminder")).toHaveValue("Call Initech about the renewal");

  // Due this very minute (the browser runs in UTC), so the worker sends the due-time email soon.
  const now = new Date();
  await reminder.getByLabel("Due date").fill(now.toISOString().slice(0, 10));
  await reminder.getByLabel("Due time").fill(now.toISOString().slice(11, 16));
  await reminder.getByRole("button", { name: "Set reminder" }).click();
  await expect(reminder.getByRole("status")).toContainText("Reminder set.");
  await expect(tasks.getByTestId("task-title")).toHaveText("Call Initech about the renewal");

  // "My tasks" lists it (overdue or today, depending on the second) and the nav badge counts it.
  const navTasks = page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: /My tasks/ });
  await expect(navTasks).toHaveAccessibleName(/1 due/);
  await navTasks.click();
  await expect(page.getByRole("heading", { level: 1, name: "My tasks" })).toBeVisible();
  const item = page.getByTestId("task-item").filter({ hasText: "Call Initech about the renewal" });
  await expect(item).toBeVisible();
  await expect(item.getByRole("link", { name: "Initech", exact: true })).toHaveAttribute("href", new URL(customerUrl).pathname);

  // The due-time email, sent by the background worker from the schedule in PostgreSQL.
  const due = await emailWithSubject(page, workspace.email, "Reminder: Call Initech about the renewal");
  expect(due.count).toBe(1);
  expect(due.text).toContain("Related to: Initech");
  expect(due.text).toContain(`/${slug}/tasks`);

  // The daily digest, through the real handler (the dev-only trigger instead of waiting for 08:00).
  const response = await page.request.post("/dev/jobs/run-digest", { form: { email: workspace.email } });
  expect(response.ok()).toBe(true);
  const digest = await emailWithSubject(page, workspace.email, `Your tasks today in ${workspace.companyName}: 1 due or overdue`, 30_000);
  expect(digest.text).toMatch(/Overdue \(1\)|Due today \(1\)/);
  expect(digest.text).toContain("Call Initech about the renewal");
  expect(digest.text).toContain("Initech");

  // Done: the task moves to "Done in the last 7 days" and the badge goes away.
  await item.getByRole("button", { name: "Mark “Call Initech about the renewal” as done" }).click();
  await expect(page.getByTestId("tasks-group-completed")).toContainText("Call Initech about the renewal");
  await expect(page.getByTestId("nav-badge")).toHaveCount(0);

  // Sending the due-time email again is impossible: still exactly one.
  expect((await emailWithSubject(page, workspace.email, "Reminder: Call Initech about the renewal")).count).toBe(1);
});

test("My tasks: new task form with assignee and linked record, edit, empty state", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  await page.goto(`/${slug}/tasks`);
  await expect(page.getByTestId("tasks-empty")).toContainText("Nothing to do");

  const form = page.getByTestId("new-task-form");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByText("Say what needs doing.")).toBeVisible();
  await form.getByLabel("What needs doing").fill("Prepare the quarterly review");
  await form.getByLabel("Due date").fill("2099-03-01");
  await form.getByLabel("Due time").fill("09:30");
  await form.getByLabel("Notes").fill("Bring last quarter's numbers");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByRole("status")).toContainText("Task added.");
  const item = page.getByTestId("tasks-group-later").getByTestId("task-item");
  await expect(item).toContainText("Prepare the quarterly review");
  await expect(item).toContainText("Bring last quarter's numbers");

  await item.getByRole("link", { name: "Edit “Prepare the quarterly review”" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit task" })).toBeVisible();
  await expect(page.getByLabel("Due time")).toHaveValue("09:30");
  await page.getByLabel("What needs doing").fill("Prepare the annual review");
  await page.getByRole("button", { name: "Save task" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/tasks\\?saved=1`));
  await expect(page.getByText("Task saved.")).toBeVisible();
  await expect(page.getByTestId("task-item")).toContainText("Prepare the annual review");
});
