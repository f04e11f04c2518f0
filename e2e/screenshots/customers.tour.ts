import { expect, test } from "../support/test";
import { camera } from "../support/screenshots";
import { signUpWorkspace } from "../support/workspace";

// Pictures of the customer pages: the list, a detail page, the form with errors, the duplicate
// warning, the Ctrl+K palette (e2e/support/screenshots.ts says how and where).

test("customers screenshot tour", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "customers");

  const { slug } = await signUpWorkspace(page, { companyName: "Harbour Lantern", ownerName: "Olivia Owner" });
  const create = async (fields: Record<string, string>, status?: string) => {
    await page.goto(`/${slug}/customers/new`);
    for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
    if (status) await page.getByLabel("Status", { exact: true }).selectOption({ label: status });
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByTestId("customer-name")).toBeVisible();
    return page.url().split("?")[0]!;
  };
  const first = await create({ Name: "Northwind Traders", Website: "northwind.example.com", Phone: "+44 20 7946 0018", City: "London", Country: "GB", Tags: "VIP, Key account", Notes: "Prefers quarterly reviews." }, "Active");
  await create({ Name: "Contoso Pharmaceuticals", Phone: "+1 415 555 0100", City: "San Francisco", Country: "US" }, "Lead");
  await create({ Name: "上海星辰贸易有限公司", Phone: "+86 21 6888 9999", City: "上海", Country: "CN" });
  await page.goto(`${first}/contacts/new`);
  await page.getByLabel("Full name").fill("Nancy Davolio");
  await page.getByLabel("Job title").fill("Head of Purchasing");
  await page.getByLabel("Email").fill("nancy@northwind.example.com");
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByTestId("contact-name")).toBeVisible();

  await page.goto(`/${slug}/customers`);
  await expect(page.getByTestId("customer-table")).toContainText("Northwind Traders");
  await shoot(page, "list");

  await page.goto(first);
  await expect(page.getByTestId("contact-list")).toContainText("Nancy Davolio");
  await shoot(page, "detail");

  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Website").fill("javascript:alert(1)");
  await page.getByLabel("Phone").fill("12");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByText("Enter the company's name.")).toBeVisible();
  await shoot(page, "form-errors");

  await page.getByLabel("Name", { exact: true }).fill("Northwind traders");
  await page.getByLabel("Website").fill("");
  await page.getByLabel("Phone").fill("");
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByTestId("duplicate-warning")).toBeVisible();
  await shoot(page, "duplicate-warning");

  await page.goto(`/${slug}/customers`);
  await page.getByTestId("open-search").click();
  await page.getByRole("combobox", { name: "Search customers, contacts and opportunities" }).fill("north");
  await expect(page.getByRole("option").first()).toBeVisible();
  await shoot(page, "palette");
});
