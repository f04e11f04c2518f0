import { expect, test } from "../support/test";
import { camera, newVisitor } from "../support/screenshots";
import { DEMO_SLUG, signInDemo } from "../support/demo";
import { signUpWorkspace } from "../support/workspace";

// Pictures of the CRM screens changed together: the pipeline board (scrolling inside itself at
// phone width), an activity being edited on the timeline, and the opportunity form's customer
// combobox open (e2e/support/screenshots.ts says how and where).

test("crm ui screenshot tour", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "crm-ui");

  // The demo pipeline, as its manager sees it (a separate browser context: the tour below signs up).
  const demo = await newVisitor(browser);
  await signInDemo(demo);
  await demo.goto(`/${DEMO_SLUG}/opportunities`);
  await expect(demo.getByTestId("pipeline-board")).toBeVisible();
  await shoot(demo, "board");
  await demo.context().close();

  const { slug } = await signUpWorkspace(page);
  for (const name of ["Initech", "Initrode", "Initial Holdings"]) {
    await page.goto(`/${slug}/customers/new`);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/customers/[a-z0-9]{20,}`));
  }
  const quickAdd = page.getByTestId("timeline-composer");
  await quickAdd.getByRole("radio", { name: "Meeting", exact: true }).check();
  await quickAdd.getByLabel("Subject").fill("Pricing call with procurement");
  await quickAdd.getByLabel("Outcome").selectOption({ label: "No answer" });
  await quickAdd.getByLabel("Who took part").fill("Bill Lumbergh, Peter Gibbons");
  await quickAdd.getByRole("button", { name: "Log meeting" }).click();
  await expect(page.getByText("Activity logged.")).toBeVisible();
  const entry = page.getByTestId("timeline-entry").filter({ hasText: "Pricing call with procurement" });
  await entry.getByRole("button", { name: "Edit activity “Pricing call with procurement”" }).click();
  const form = entry.getByTestId("activity-edit-form");
  await form.getByLabel("Outcome").selectOption({ label: "Connected" });
  await form.getByLabel("Duration (minutes)").fill("5000");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Enter whole minutes from 0 to 1440.")).toBeVisible();
  await entry.scrollIntoViewIfNeeded();
  await shoot(page, "activity-edit");
  await form.getByLabel("Duration (minutes)").fill("20");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(entry.getByText("Activity updated.")).toBeVisible();
  await shoot(page, "activity-updated");

  await page.goto(`/${slug}/opportunities/new`);
  await page.getByRole("combobox", { name: "Customer" }).click();
  await page.keyboard.type("Ini");
  await expect(page.getByRole("listbox", { name: "Customer" }).getByRole("option")).toHaveCount(3);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await shoot(page, "customer-combobox");
});
