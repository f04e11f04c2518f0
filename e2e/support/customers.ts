import type { Page } from "@playwright/test";
import { expect } from "./test";

/** Creates a customer through the form and returns its record page's URL. */
export async function newCustomer(page: Page, slug: string, name: string): Promise<string> {
  await page.goto(`/${slug}/customers/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/${slug}/customers/(?!new)[a-z0-9]+`));
  return page.url().split("?")[0]!;
}
