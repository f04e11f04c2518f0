import { expect, test } from "../support/test";
import { camera } from "../support/screenshots";
import { signUpWorkspace } from "../support/workspace";

// Pictures of "My tasks" (empty and full) and a customer's tasks panel (e2e/support/screenshots.ts
// says how and where).

test("tasks screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "tasks");

  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;
  await page.goto(`/${slug}/tasks`);
  await expect(page.getByTestId("tasks-empty")).toBeVisible();
  await shoot(page, "my-tasks-empty");

  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Umbrella Corporation");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/[a-z0-9]+`));
  const reminder = page.getByTestId("quick-reminder-form");
  const add = async (title: string, date: string, time: string) => {
    await reminder.getByLabel("Reminder").fill(title);
    await reminder.getByLabel("Due date").fill(date);
    await reminder.getByLabel("Due time").fill(time);
    await reminder.getByRole("button", { name: "Set reminder" }).click();
    await expect(page.getByTestId("record-tasks").getByTestId("task-title").filter({ hasText: title })).toBeVisible();
  };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await add("Send the signed contract back", day(-2), "10:00");
  await add("Call about the delivery schedule", day(0), "23:59");
  await add("Quarterly business review with their procurement team", day(3), "14:30");
  await add("Renewal negotiation", day(30), "09:00");
  await page.getByTestId("record-tasks").scrollIntoViewIfNeeded();
  await shoot(page, "customer-tasks");

  await page.goto(`/${slug}/tasks`);
  await expect(page.getByTestId("tasks-group-overdue")).toBeVisible();
  await page.getByRole("button", { name: "Mark “Renewal negotiation” as done" }).click();
  await expect(page.getByTestId("tasks-group-completed")).toBeVisible();
  await shoot(page, "my-tasks");
});
