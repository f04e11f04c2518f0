import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { DEMO_SLUG, signInDemo } from "./support/demo";
import { emailFor, inviteMember, signUpWorkspace } from "./support/workspace";

// CRM screens at their edges: no page scrolls sideways at phone width (only the pipeline board
// does, inside itself), editing a logged activity from the timeline, picking an opportunity's
// customer with the keyboard alone, and the Owner's transfer of a member's records.

const PASSWORD = "Long enough passphrase for tests 42";

/** The page is exactly as wide as the window: nothing sticks out and makes the whole page scroll sideways. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll, `${what}: page width at a ${widths.inner} px window`).toBe(widths.inner);
}

async function joinAs(browser: Browser, link: string, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByRole("button", { name: "Join workspace" }).click();
  await expect(page).not.toHaveURL(/\/invite\//, { timeout: 60_000 });
  return { context, page };
}

test("no CRM page scrolls sideways at desktop or phone width; the board scrolls inside itself, also by keyboard", async ({ page }) => {
  test.setTimeout(180_000);
  await signInDemo(page);
  await page.goto(`/${DEMO_SLUG}/customers`);
  const customerHref = await page.getByTestId("customer-table").locator("tbody a").first().getAttribute("href");
  await page.goto(`/${DEMO_SLUG}/opportunities?view=table`);
  const opportunityHref = await page.getByTestId("opportunity-table").locator("tbody a").first().getAttribute("href");
  expect(customerHref).toBeTruthy();
  expect(opportunityHref).toBeTruthy();
  const pages = [
    `/${DEMO_SLUG}/opportunities`,
    `/${DEMO_SLUG}/opportunities?view=table`,
    `/${DEMO_SLUG}/customers`,
    customerHref!,
    opportunityHref!,
    `${opportunityHref!}/edit`,
    `/${DEMO_SLUG}/opportunities/new`,
    `/${DEMO_SLUG}/tasks`,
    `/${DEMO_SLUG}/reports`,
  ];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expectNoSidewaysScroll(page, path);
    }
    // The timeline's composer on each tab (its date-and-time field is the widest thing on a phone).
    await page.goto(customerHref!);
    const composer = page.getByTestId("timeline-composer");
    for (const tab of ["Call", "Email", "Meeting", "Note", "Task"]) {
      await composer.getByRole("radio", { name: tab, exact: true }).check();
      await expectNoSidewaysScroll(page, `${customerHref} with the composer's ${tab} tab`);
    }
  }

  // At 390 px the board is wider than the window and scrolls inside itself; the keyboard reaches it.
  await page.goto(`/${DEMO_SLUG}/opportunities`);
  const board = page.getByRole("region", { name: "Pipeline board (scrolls sideways)" });
  const sizes = await board.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  await board.focus();
  await expect(board).toBeFocused();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => board.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  await expectNoSidewaysScroll(page, "board scrolled to its end");
});

test("activities: edit a logged call from the timeline (keyboard, validation, someone else's save), read-only sees no edit", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { slug } = await signUpWorkspace(page);
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Initech");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/[a-z0-9]{20,}`));
  const customerUrl = page.url().split("?")[0]!;

  // Log a call that wasn't answered.
  const quickAdd = page.getByTestId("timeline-composer");
  await quickAdd.getByLabel("Subject").fill("Call about the renewal");
  await quickAdd.getByLabel("Outcome").selectOption({ label: "No answer" });
  await quickAdd.getByLabel("Duration (minutes)").fill("2");
  await quickAdd.getByRole("button", { name: "Log call" }).click();
  await expect(page.getByText("Activity logged.")).toBeVisible();
  const entry = page.getByTestId("timeline-entry").filter({ hasText: "Call about the renewal" });
  await expect(entry).toContainText("No answer");

  // Edit opens in place with focus in it; Escape closes it and gives focus back to Edit.
  const edit = entry.getByRole("button", { name: "Edit activity “Call about the renewal”" });
  await edit.click();
  await expect(edit).toHaveAttribute("aria-expanded", "true");
  const form = entry.getByRole("form", { name: "Edit activity “Call about the renewal”" });
  await expect(form.getByLabel("Subject")).toBeFocused();
  await expect(form.getByLabel("Subject")).toHaveValue("Call about the renewal");
  await expect(form.getByLabel("Outcome")).toHaveValue("no-answer");
  await expect(form.getByLabel("Duration (minutes)")).toHaveValue("2");
  await page.keyboard.press("Escape");
  await expect(form).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(edit).toHaveAttribute("aria-expanded", "false");

  // A bad edit is refused with the same message as logging, and what was typed stays.
  await page.keyboard.press("Enter");
  await expect(form.getByLabel("Subject")).toBeFocused();
  await form.getByLabel("Subject").fill("");
  await form.getByLabel("Duration (minutes)").fill("5000");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Enter a subject.")).toBeVisible();
  await expect(form.getByText("Enter whole minutes from 0 to 1440.")).toBeVisible();
  await expect(form.getByLabel("Subject")).toBeFocused();
  await expect(form.getByLabel("Duration (minutes)")).toHaveValue("5000");

  // The real edit: the call did connect in the end.
  await form.getByLabel("Subject").fill("Call about the renewal");
  await form.getByLabel("Duration (minutes)").fill("25");
  await form.getByLabel("Outcome").selectOption({ label: "Connected" });
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(entry.getByText("Activity updated.")).toBeVisible();
  await expect(form).toHaveCount(0);
  const readView = entry.locator("article");
  await expect(readView).toContainText("Connected");
  await expect(readView).toContainText("25 minutes");
  await expect(readView).toContainText("edited");
  await expect(readView).not.toContainText("No answer");
  await page.reload();
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Call about the renewal" })).toContainText("Connected");

  // Someone else saves while this form is open: the save is refused, nothing typed is lost, and
  // after Reload the same save goes through.
  await edit.click();
  await form.getByLabel("Notes").fill("They want a three-year term.");
  const other = await page.context().newPage();
  await other.goto(customerUrl);
  const otherEntry = other.getByTestId("timeline-entry").filter({ hasText: "Call about the renewal" });
  await otherEntry.getByRole("button", { name: "Edit activity “Call about the renewal”" }).click();
  await otherEntry.getByLabel("Outcome").selectOption({ label: "Positive" });
  await otherEntry.getByRole("button", { name: "Save changes" }).click();
  await expect(otherEntry.getByText("Activity updated.")).toBeVisible();
  await other.close();
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("alert")).toContainText("Olga Owner changed this activity after you opened it. Nothing was saved.");
  await expect(form.getByLabel("Notes")).toHaveValue("They want a three-year term.");
  const version = form.locator('input[name="updatedAt"]');
  const openedAt = await version.inputValue();
  await form.getByRole("button", { name: "Reload" }).click();
  // The entry above now shows their version; the form carries it as the version it edits.
  await expect(entry.locator("article")).toContainText("Positive");
  await expect(version).not.toHaveValue(openedAt);
  await expect(form.getByLabel("Notes")).toHaveValue("They want a three-year term.");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(entry.getByText("Activity updated.")).toBeVisible();
  await expect(readView).toContainText("They want a three-year term.");
  await expect(readView).toContainText("Connected");

  // A read-only member sees the timeline but no Edit or Delete.
  const invitation = await inviteMember(page, slug, { email: emailFor("viewer", slug), role: "Read-only" });
  const viewer = await joinAs(browser, invitation.link, "Vera Viewer");
  await viewer.page.goto(customerUrl);
  const viewerEntry = viewer.page.getByTestId("timeline-entry").filter({ hasText: "Call about the renewal" });
  await expect(viewerEntry).toContainText("They want a three-year term.");
  await expect(viewerEntry.getByRole("button")).toHaveCount(0);
  await viewer.context.close();

  // Without JavaScript the timeline's forms still post and the page comes back: delete the call.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto(customerUrl);
  await plain.getByRole("button", { name: "Delete activity “Call about the renewal”" }).click();
  await expect(plain.getByText("Nothing has happened here yet.")).toBeVisible();
  await noScript.close();
});

test("opportunity form: choose the customer with the keyboard only in the combobox (and by its name without JavaScript)", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { slug } = await signUpWorkspace(page);
  for (const name of ["Initech", "Initrode", "Globex"]) {
    await page.goto(`/${slug}/customers/new`);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/customers/[a-z0-9]{20,}`));
  }
  await page.goto(`/${slug}/opportunities/new`);
  await page.getByLabel("Title").fill("Printer fleet");
  await page.keyboard.press("Tab");
  const combobox = page.getByRole("combobox", { name: "Customer" });
  await expect(combobox).toBeFocused();
  await expect(combobox).toHaveAttribute("aria-expanded", "false");

  // Nothing chosen yet: the save is refused and what was typed stays.
  await page.keyboard.type("Init");
  await expect(page.getByRole("listbox", { name: "Customer" }).getByRole("option")).toHaveCount(2);
  await expect(page.getByTestId("customer-picker-status")).toHaveText("2 customers found. Use the arrow keys to choose one and Enter to pick it.");
  await page.keyboard.press("Escape");
  await expect(combobox).toHaveAttribute("aria-expanded", "false");
  await expect(combobox).toHaveValue("Init");
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByText("Choose a customer.")).toBeVisible();
  await expect(combobox).toHaveValue("Init");
  await expect(page.getByLabel("Title")).toHaveValue("Printer fleet");

  // Down opens the list again and moves through it; the active option is announced through
  // aria-activedescendant while focus stays in the input; Enter picks.
  await combobox.focus();
  await page.keyboard.press("ArrowDown");
  const listbox = page.getByRole("listbox", { name: "Customer" });
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  await expect(listbox.getByRole("option")).toHaveCount(2);
  await expect(combobox).toHaveAttribute("aria-controls", (await listbox.getAttribute("id"))!);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const active = listbox.getByRole("option", { name: "Initrode" });
  await expect(active).toHaveAttribute("aria-selected", "true");
  await expect(combobox).toHaveAttribute("aria-activedescendant", (await active.getAttribute("id"))!);
  await expect(combobox).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("picked-customer")).toHaveText("Initrode");
  await expect(page.getByRole("button", { name: "Change the customer (now Initrode)" })).toBeFocused();
  await expect(page.getByTestId("customer-picker-status")).toHaveText("Initrode chosen.");

  // Change, then Escape twice: back to the customer chosen before.
  await page.keyboard.press("Enter");
  await expect(combobox).toBeFocused();
  await page.keyboard.type("Glo");
  await expect(listbox.getByRole("option")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("picked-customer")).toHaveText("Initrode");

  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Printer fleet" })).toBeVisible();
  await expect(page.getByText("Initrode").first()).toBeVisible();

  // Without JavaScript the combobox is a plain text box: a name several customers match is refused
  // (what was typed stays), the customer whose name was typed is taken.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto(`/${slug}/opportunities/new`);
  await plain.getByLabel("Title").fill("Globex pilot");
  await plain.getByRole("combobox", { name: "Customer" }).fill("Ini");
  await plain.getByRole("button", { name: "Create opportunity" }).click();
  await expect(plain.getByText("Several customers match “Ini”. Type the customer's full name.")).toBeVisible();
  await expect(plain.getByRole("combobox", { name: "Customer" })).toHaveValue("Ini");
  await expect(plain.getByLabel("Title")).toHaveValue("Globex pilot");
  await plain.getByRole("combobox", { name: "Customer" }).fill("globex");
  await plain.getByRole("button", { name: "Create opportunity" }).click();
  await expect(plain.getByRole("heading", { level: 1, name: "Globex pilot" })).toBeVisible();
  await expect(plain.locator("dt", { hasText: "Customer" }).locator("+ dd")).toHaveText("Globex");
  await noScript.close();
});

test("transfer: the Owner moves a rep's records to the manager; a non-owner gets no control and is refused by URL", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // A workspace of its own: the demo workspace's data is what the reports tests read.
  const { slug } = await signUpWorkspace(page);
  const repInvite = await inviteMember(page, slug, { email: emailFor("rep", slug), role: "Sales rep" });
  const managerInvite = await inviteMember(page, slug, { email: emailFor("manager", slug), role: "Manager" });
  const rep = await joinAs(browser, repInvite.link, "Rhea Rep");
  await rep.context.close();
  const manager = await joinAs(browser, managerInvite.link, "Manny Manager");

  // Rhea owns a customer and an opportunity.
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("Umbrella Corp");
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Rhea Rep" });
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/[a-z0-9]{20,}`));
  const customerUrl = page.url().split("?")[0]!;
  await expect(page.getByText("Owner: Rhea Rep", { exact: true })).toBeVisible();
  const customerId = customerUrl.split("/").pop()!;
  await page.goto(`/${slug}/opportunities/new?customer=${customerId}`);
  await page.getByLabel("Title").fill("Umbrella renewal");
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Rhea Rep" });
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Umbrella renewal" })).toBeVisible();
  const opportunityUrl = page.url().split("?")[0]!;

  // The Owner transfers them from the members page.
  await page.goto(`/${slug}/members`);
  const transferLink = page.getByRole("link", { name: "Transfer records of Rhea Rep" });
  const transferUrl = (await transferLink.getAttribute("href"))!;
  await transferLink.click();
  await expect(page.getByRole("heading", { level: 1, name: "Transfer records of Rhea Rep" })).toBeVisible();
  await expect(page.getByTestId("transfer-counts")).toContainText("Rhea Rep owns 1 customer and 1 opportunity");
  await page.getByLabel("Transfer to").selectOption({ label: `Manny Manager (${emailFor("manager", slug)})` });
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Transfer records" }).click();
  await expect(page.getByTestId("transfer-form").getByRole("status")).toContainText("Moved 1 customer, 1 opportunity and 0 open tasks to Manny Manager.");

  // The records show their new owner, and their history shows the transfer.
  await page.goto(customerUrl);
  await expect(page.getByText("Owner: Manny Manager", { exact: true })).toBeVisible();
  await expect(page.getByText("Owner: Rhea Rep → Manny Manager")).toBeVisible();
  await page.goto(opportunityUrl);
  await expect(page.locator("dt", { hasText: "Owner" }).locator("+ dd")).toHaveText("Manny Manager");
  await expect(page.getByText("Owner: Rhea Rep → Manny Manager")).toBeVisible();

  // The manager sees the members page but no transfer control, and the URL is refused.
  await manager.page.goto(`/${slug}/members`);
  await expect(manager.page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(manager.page.getByRole("link", { name: /Transfer records of/ })).toHaveCount(0);
  const refused = await manager.page.goto(transferUrl);
  expect(refused?.status()).toBe(403);
  await expect(manager.page.getByTestId("transfer-form")).toHaveCount(0);
  await manager.context.close();
});
