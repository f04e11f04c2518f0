import { expect, test } from "./support/test";
import { signUpWorkspace } from "./support/workspace";
import { axeViolations } from "./support/axe";
import type { Page } from "@playwright/test";

// Duplicates and merge end to end: "Globex Corp" at https://www.globex.com is flagged against
// "Globex Corporation" at globex.com with both reasons, saved anyway, then merged from its record
// page (keyboard: the link, the radio group's arrow keys, Enter), choosing a field's value; the
// contacts of both end up on the kept record and the other is gone. A merge opened from the edit
// form's warning is refused when the record changed in another tab meanwhile.

async function createCustomer(page: Page, slug: string, fields: { name: string; website?: string; city?: string }) {
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill(fields.name);
  if (fields.website) await page.getByLabel("Website").fill(fields.website);
  if (fields.city) await page.getByLabel("City").fill(fields.city);
  await page.getByRole("button", { name: "Create customer" }).click();
}

async function addContact(page: Page, customerUrl: string, name: string) {
  await page.goto(customerUrl);
  await page.getByRole("link", { name: "Add contact" }).click();
  await page.getByLabel("Full name").fill(name);
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByTestId("contact-name")).toHaveText(name);
}

test("duplicates are flagged with their reasons, and two customers merge into one", async ({ page, context }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const slug = workspace.slug;

  await createCustomer(page, slug, { name: "Globex Corporation", website: "globex.com", city: "Springfield" });
  await expect(page.getByTestId("customer-name")).toHaveText("Globex Corporation");
  const corporationUrl = page.url().split("?")[0]!;
  await addContact(page, corporationUrl, "Hank Scorpio");

  // The near-duplicate is flagged with both reasons; the member can still go on.
  await createCustomer(page, slug, { name: "Globex Corp", website: "https://www.globex.com", city: "Shelbyville" });
  const warning = page.getByTestId("duplicate-warning");
  await expect(warning).toContainText("Possible duplicates");
  await expect(warning.getByRole("link", { name: "Globex Corporation" })).toHaveAttribute("href", new URL(corporationUrl).pathname);
  await expect(warning).toContainText("same name apart from case, punctuation and legal suffix; same website");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Globex Corp");
  await warning.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByTestId("customer-name")).toHaveText("Globex Corp");
  const corpUrl = page.url().split("?")[0]!;
  await addContact(page, corpUrl, "Frank Grimes");

  // From Globex Corp's record page, with the keyboard: Merge…, the suggested duplicate, Compare.
  await page.goto(corpUrl);
  await page.getByTestId("merge-customer").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Merge “Globex Corp” with which customer?");
  const candidates = page.getByTestId("merge-candidates");
  await expect(candidates).toContainText("Globex Corporation");
  await candidates.getByRole("link", { name: "Compare and merge: Globex Corporation" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Merge customers");
  expect(await axeViolations(page)).toEqual([]);

  // Keep Globex Corporation instead (mouse), then take the other's city with the arrow keys.
  await page.getByTestId("merge-swap").click();
  await expect(page.getByText("“Globex Corporation” stays", { exact: false })).toBeVisible();
  const city = page.getByRole("group", { name: "City: which value to keep" });
  await expect(city.getByRole("radio", { name: "Springfield" })).toBeChecked();
  await city.getByRole("radio", { name: "Springfield" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(city.getByRole("radio", { name: "Shelbyville" })).toBeChecked();
  // The websites are stored differently (https://globex.com, https://www.globex.com): both are offered.
  await expect(page.getByRole("group", { name: "Website: which value to keep" }).getByRole("radio")).toHaveCount(2);
  await expect(page.getByTestId("merge-same-industry")).toContainText("Same on both");
  await expect(page.getByTestId("merge-form")).toContainText("1 contact, 0 opportunities, 0 activities and 0 tasks move to “Globex Corporation”.");
  await page.getByRole("button", { name: "Merge customers" }).focus();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`${new URL(corporationUrl).pathname}\\?merged=`));
  await expect(page.getByText("“Globex Corp” was merged into this customer", { exact: false })).toBeVisible();
  await expect(page.getByTestId("customer-name")).toHaveText("Globex Corporation");
  await expect(page.getByTestId("contact-list")).toContainText("Hank Scorpio");
  await expect(page.getByTestId("contact-list")).toContainText("Frank Grimes");
  await expect(page.getByTestId("record-history")).toContainText("City: Springfield → Shelbyville");
  await expect(page.getByTestId("record-history")).toContainText("merged another record into this one");
  await expect(page.getByTestId("record-history")).toContainText("Merged record: (empty) → Globex Corp");
  // The merged record is gone from the list and its page.
  await page.goto(`/${slug}/customers?q=globex`);
  await expect(page.getByTestId("result-count")).toHaveText("1 customer");
  const gone = await page.goto(corpUrl);
  expect(gone?.status()).toBe(404);

  // From the edit form's warning: renaming Initech Inc to "Initech" offers a merge with Initech.
  await createCustomer(page, slug, { name: "Initech" });
  await expect(page.getByTestId("customer-name")).toHaveText("Initech");
  const initechUrl = page.url().split("?")[0]!;
  await createCustomer(page, slug, { name: "Initech Incorporated" });
  await page.getByTestId("duplicate-warning").getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByTestId("customer-name")).toHaveText("Initech Incorporated");
  const incUrl = page.url().split("?")[0]!;
  await page.goto(`${incUrl}/edit`);
  await page.getByLabel("Name", { exact: true }).fill("Initech Inc.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const editWarning = page.getByTestId("duplicate-warning");
  await expect(editWarning).toContainText("Initech");
  await editWarning.getByTestId("duplicate-merge").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Merge customers");

  // Meanwhile someone edits Initech in another tab: the merge is refused, nothing moves.
  const other = await context.newPage();
  await other.goto(`${initechUrl}/edit`);
  await other.getByLabel("City").fill("Dallas");
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByText("Changes saved.")).toBeVisible();
  await other.close();
  await page.getByRole("button", { name: "Merge customers" }).click();
  await expect(page.getByTestId("merge-form").getByRole("alert")).toContainText(`${workspace.ownerName} changed one of these customers after you opened this page. Nothing was merged`);
  await page.goto(initechUrl);
  await expect(page.getByTestId("customer-name")).toHaveText("Initech");
  await page.goto(`/${slug}/customers?q=initech`);
  await expect(page.getByTestId("result-count")).toHaveText("2 customers");
});
