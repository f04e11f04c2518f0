import { readFile } from "node:fs/promises";
import { expect, test } from "./support/test";
import { emailFor, inviteMember, PASSWORD, signUpWorkspace } from "./support/workspace";

// Customers and contacts end to end: create (with the duplicate warning), a contact, an edit
// conflict between two tabs, Ctrl+K search, filters in the URL, delete → trash → restore, CSV
// export, and a Sales rep restricted to own records who can't see another's customer.

test("customers: create, duplicate, contact, conflict, search, filter, trash, export, own-records rule", async ({ page, browser, context }) => {
  test.setTimeout(240_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;

  // A customer; a bad website and phone are refused with specific messages, and nothing typed is lost.
  await page.goto(`/${slug}/customers`);
  await expect(page.getByTestId("empty-state")).toContainText("No customers yet.");
  await page.getByRole("link", { name: "New customer" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Northwind Traders");
  await page.getByLabel("Website").fill("not a website");
  await page.getByLabel("Phone").fill("12");
  await page.getByLabel("Status").selectOption({ label: "Active" });
  await page.getByLabel("Tags").fill("VIP, Key account");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Enter a web address such as example.com")).toBeVisible();
  await expect(page.getByText("Enter a valid phone number for the country chosen", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Northwind Traders");
  await expect(page.getByLabel("Tags")).toHaveValue("VIP, Key account");
  await page.getByLabel("Website").fill("northwind.example.com");
  await page.getByLabel("Phone").fill("+44 20 7946 0018");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByTestId("customer-name")).toHaveText("Northwind Traders");
  await expect(page.getByText("Customer created.")).toBeVisible();
  const customerUrl = page.url().split("?")[0]!;

  // A second customer with the same name: warned before saving, with a link to the first.
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill("northwind traders");
  await page.getByRole("button", { name: "Create customer" }).click();
  const warning = page.getByTestId("duplicate-warning");
  await expect(warning).toContainText("Possible duplicates");
  await expect(warning.getByRole("link", { name: "Northwind Traders" })).toHaveAttribute("href", new URL(customerUrl).pathname);
  await expect(warning).toContainText("same name");
  // Cancel: nothing was created.
  await page.goto(`/${slug}/customers?q=northwind`);
  await expect(page.getByTestId("result-count")).toHaveText("1 customer");

  // A contact.
  await page.goto(customerUrl);
  await page.getByRole("link", { name: "Add contact" }).click();
  await page.getByLabel("Full name").fill("Nancy Davolio");
  await page.getByLabel("Job title").fill("Head of Purchasing");
  await page.getByLabel("Email").fill("Nancy.Davolio@Northwind.example.com");
  await page.getByLabel("Mobile").fill("+1 415 555 2671");
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByTestId("contact-name")).toHaveText("Nancy Davolio");
  await expect(page.getByRole("link", { name: "nancy.davolio@northwind.example.com" })).toBeVisible();
  await page.getByRole("link", { name: "← Northwind Traders" }).click();
  await expect(page.getByTestId("contact-list")).toContainText("Nancy Davolio");

  // An edit conflict: two tabs open the form; the second save is refused and names who saved.
  const other = await context.newPage();
  await page.goto(`${customerUrl}/edit`);
  await other.goto(`${customerUrl}/edit`);
  await other.getByLabel("City").fill("London");
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByText("Changes saved.")).toBeVisible();
  await page.getByLabel("City").fill("Seattle");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = page.getByTestId("conflict-warning");
  await expect(conflict).toContainText(`${workspace.ownerName} saved changes to this record`);
  await expect(page.getByLabel("City")).toHaveValue("Seattle");
  await conflict.getByRole("button", { name: "Reload latest version" }).click();
  await expect(page.getByLabel("City")).toHaveValue("London");
  await expect(page.getByTestId("conflict-draft")).toContainText("Seattle");
  await other.close();
  // The history shows the saved change with old → new.
  await page.goto(customerUrl);
  await expect(page.getByTestId("record-history")).toContainText("City: (empty) → London");

  // Ctrl+K finds the contact by a phone fragment typed with spaces, and Enter opens it.
  // The shortcut is listened for once the page has hydrated; a press before that is lost, as it
  // would be for a person, so it is pressed again until the palette opens.
  const palette = page.getByTestId("command-palette");
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(palette).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole("combobox", { name: "Search customers, contacts and opportunities" }).fill("415 555");
  await expect(palette.getByRole("option", { name: /Nancy Davolio/ })).toBeVisible();
  await expect(palette.getByRole("group", { name: "Contacts" })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("contact-name")).toHaveText("Nancy Davolio");
  // Escape closes it; the Search button opens it for touch users.
  await page.getByTestId("open-search").click();
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toHaveCount(0);

  // Filters live in the URL: a shared link shows the same view; nonsense is ignored with a note.
  await page.goto(`/${slug}/customers?status=INACTIVE`);
  await expect(page.getByText("No customers match these filters.")).toBeVisible();
  await page.goto(`/${slug}/customers?status=ACTIVE&tag=VIP&industry=bogus`);
  await expect(page.getByTestId("customer-table")).toContainText("Northwind Traders");
  await expect(page.getByText("Some filters in this link were not understood and are ignored: industry.")).toBeVisible();
  await expect(page.locator("#f-status")).toHaveValue("ACTIVE");

  // CSV export of the filtered list.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const download = await downloadPromise;
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFFID,Name,Status")).toBe(true);
  expect(csv).toContain("Northwind Traders,Active");
  expect(csv).toContain("Nancy Davolio <nancy.davolio@northwind.example.com>");

  // Delete → trash → restore (the Owner is an admin).
  await page.goto(customerUrl);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("deleted-toast")).toContainText("The customer was moved to the trash.");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  expect((await page.goto(customerUrl))?.status()).toBe(404);
  await page.goto(`/${slug}/customers/trash`);
  const entry = page.getByTestId("trash-Northwind Traders");
  await expect(entry).toContainText("30 days left");
  await entry.getByRole("button", { name: "Restore Northwind Traders" }).click();
  await expect(page.getByTestId("trash-empty")).toBeVisible();
  await page.goto(customerUrl);
  await expect(page.getByTestId("customer-name")).toHaveText("Northwind Traders");
  await expect(page.getByTestId("contact-list")).toContainText("Nancy Davolio");

  // Sales reps see only their own records: a rep can't list, search or open the Owner's customer.
  await page.goto(`/${slug}/settings/crm`);
  await page.getByLabel("Sales reps see only their own records").check();
  await page.getByRole("button", { name: "Save CRM settings" }).click();
  await expect(page.getByText("CRM settings saved.")).toBeVisible();
  const invitation = await inviteMember(page, slug, { email: emailFor("rep", slug), role: "Sales rep" });
  const repContext = await browser.newContext();
  const rep = await repContext.newPage();
  await rep.goto(invitation.link);
  await rep.getByLabel("Your name").fill("Rhea Rep");
  await rep.getByLabel("Choose a password").fill(PASSWORD);
  await rep.getByRole("button", { name: "Join workspace" }).click();
  await expect(rep).toHaveURL(`/${slug}`);
  await rep.goto(`/${slug}/customers?q=northwind`);
  await expect(rep.getByText("No customers match these filters.")).toBeVisible();
  const denied = await rep.goto(customerUrl);
  expect(denied?.status()).toBe(404);
  await expect(rep.getByText("Northwind Traders")).toHaveCount(0);
  const search = await rep.request.get(`/${slug}/search?q=northwind`);
  expect(await search.json()).toEqual({ customers: [], contacts: [], opportunities: [] });
  await repContext.close();
});
