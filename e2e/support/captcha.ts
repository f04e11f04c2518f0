import { expect, type Page } from "@playwright/test";

/** Ticks the proof-of-work captcha and waits until the browser has solved it. */
export async function solveCaptcha(page: Page, label = "I'm not a robot", verifiedText = "Verified") {
  const checkbox = page.getByRole("checkbox", { name: label });
  const verified = page.getByText(verifiedText, { exact: true }).first();
  // The widget loads, and after each answer from the server rebuilds itself, asynchronously; a
  // click that lands mid-rebuild is lost, so click again until the proof of work runs.
  await expect(async () => {
    await checkbox.click({ timeout: 5_000 });
    await expect(verified).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 60_000 });
}
