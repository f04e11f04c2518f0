import { expect, test } from "./support/test";
import { signUpWorkspace } from "./support/workspace";
import { newCustomer } from "./support/customers";

// The record page on a phone (the phone project only runs this file and the accessibility
// check): one column, the jump to the timeline on the first screen, and the composer's tabs
// never wider than the screen.

test("phone: one column, a jump to the timeline near the top, nothing scrolls sideways", async ({ page }) => {
  test.setTimeout(180_000);
  const { slug } = await signUpWorkspace(page);
  await newCustomer(page, slug, "Initrode");

  const details = await page.getByTestId("record-details").boundingBox();
  const column = page.getByTestId("record-timeline-column");
  expect((await column.boundingBox())!.y).toBeGreaterThan(details!.y + details!.height - 1);
  const jump = page.getByTestId("record-jump").getByRole("link", { name: "Jump to the timeline" });
  // The jump is on the first screen.
  const jumpBox = await jump.boundingBox();
  expect(jumpBox!.y + jumpBox!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  await jump.click();
  await expect(page).toHaveURL(/#record-timeline$/);
  await expect(page.getByRole("heading", { level: 2, name: "Timeline" })).toBeInViewport();

  const composer = page.getByTestId("timeline-composer");
  for (const tab of ["Call", "Email", "Meeting", "Note", "Task"]) {
    await composer.getByRole("radio", { name: tab, exact: true }).check();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll, `${tab} tab`).toBe(widths.inner);
  }
  await composer.getByRole("textbox", { name: "Task", exact: true }).fill("Send the brochure");
  await composer.getByRole("button", { name: "Create task" }).click();
  await expect(composer.getByRole("status")).toContainText("Task added.");
  await expect(page.getByTestId("record-tasks").getByTestId("task-item").filter({ hasText: "Send the brochure" })).toBeVisible();
});
