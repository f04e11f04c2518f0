import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { DEMO_SLUG, signInDemo } from "./support/demo";

// Signed-in forms must work without JavaScript (progressive enhancement). A server action bound
// inside a client component makes such a post loop on the server and never answer
// (vercel/next.js#98045): each step below would then time out instead of showing its error.
// Every submission is invalid on purpose, so the demo data other specs read stays as it is.
test.use({ javaScriptEnabled: false });

const ANSWER = { timeout: 20_000 };

/** Signs in as the demo Owner with JavaScript on, then opens a page without JavaScript in that session. */
async function ownerPageWithoutJs(browser: Browser, clientIp: string): Promise<Page> {
  const headers = { "X-Forwarded-For": clientIp };
  const signInContext = await browser.newContext({ extraHTTPHeaders: headers });
  await signInDemo(await signInContext.newPage(), "owner@demo.relay-crm.test");
  const storageState = await signInContext.storageState();
  await signInContext.close();
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState, extraHTTPHeaders: headers });
  return noJs.newPage();
}

test("signed-in forms answer a submission without JavaScript with their errors", async ({ browser, clientIp }) => {
  const page = await ownerPageWithoutJs(browser, clientIp);

  // Profile: a blank name is refused, and the language picked stays picked.
  // (The shell's language switcher is labelled "Language" too: look inside the profile form.)
  await page.goto(`/${DEMO_SLUG}/profile`);
  const profile = page.locator("form").filter({ has: page.getByLabel("Name", { exact: true }) });
  await profile.getByLabel("Name", { exact: true }).fill("   ");
  await profile.getByLabel("Language").selectOption("zh-CN");
  await profile.getByRole("button", { name: "Save", exact: true }).click(ANSWER);
  await expect(page.getByText("Enter a name.").first()).toBeVisible(ANSWER);
  await expect(page.locator("form").filter({ has: page.getByLabel("Name", { exact: true }) }).getByLabel("Language")).toHaveValue("zh-CN");

  // Members: an invitation to an address that isn't one.
  await page.goto(`/${DEMO_SLUG}/members`);
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByRole("button", { name: "Send invitation" }).click(ANSWER);
  await expect(page.getByText("Enter an email address like name@company.com.").first()).toBeVisible(ANSWER);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("not-an-email");

  // CRM settings: a reminder delay beyond a year.
  await page.goto(`/${DEMO_SLUG}/settings/crm`);
  const staleDays = page.getByLabel("Remind the owner after an opportunity has had no activity for");
  await staleDays.fill("400");
  await page.getByRole("button", { name: "Save CRM settings" }).click(ANSWER);
  await expect(page.getByText("Enter a number from 0 to 365.").first()).toBeVisible(ANSWER);
  await expect(staleDays).toHaveValue("400");

  // Pipeline stages: a row's rename (one action bound for every row, the stage id in the row) and
  // the add form, each with a blank name.
  const firstStage = page.getByTestId("stage-row").first();
  const stageName = (await firstStage.getAttribute("data-stage")) ?? "";
  await firstStage.getByLabel("Name", { exact: true }).fill("  ");
  await firstStage.getByRole("button", { name: "Save", exact: true }).click(ANSWER);
  await expect(page.getByTestId("stage-row").first().getByText("Enter a name.")).toBeVisible(ANSWER);
  await expect(page.getByTestId("stage-row").first()).toHaveAttribute("data-stage", stageName);
  const addStage = page.locator("form").filter({ has: page.getByRole("heading", { name: "Add a stage" }) });
  await addStage.getByLabel("Probability (%)").fill("35");
  await addStage.getByRole("button", { name: "Add stage" }).click(ANSWER);
  await expect(addStage.getByText("Enter a name.").first()).toBeVisible(ANSWER);
  await expect(addStage.getByLabel("Probability (%)")).toHaveValue("35");

  // Security settings: an inactivity timeout below the minimum.
  await page.goto(`/${DEMO_SLUG}/settings/security`);
  const idle = page.getByLabel("Sign out after inactivity of");
  await idle.fill("1");
  await page.getByRole("button", { name: "Save session timeouts" }).click(ANSWER);
  await expect(page.getByText("Enter a number of minutes from 5 to 1440.").first()).toBeVisible(ANSWER);
  await expect(idle).toHaveValue("1");

  // My tasks: a new task without a title keeps its notes.
  await page.goto(`/${DEMO_SLUG}/tasks`);
  const newTask = page.getByTestId("new-task-form");
  await newTask.getByLabel("What needs doing").fill(" ");
  await newTask.getByLabel("Notes").fill("Ask about the renewal");
  await newTask.getByRole("button", { name: "Add task" }).click(ANSWER);
  await expect(page.getByTestId("new-task-form").getByText("Say what needs doing.").first()).toBeVisible(ANSWER);
  await expect(page.getByTestId("new-task-form").getByLabel("Notes")).toHaveValue("Ask about the renewal");

  await page.context().close();
});
