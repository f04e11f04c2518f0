import { randomInt } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** A mainland-China mobile number no other test uses (per-number SMS limits are global). */
export function uniqueMobile(): { e164: string; typed: string } {
  const rest = String(randomInt(0, 100_000_000)).padStart(8, "0");
  return { e164: `+86138${rest}`, typed: `+86 138 ${rest.slice(0, 4)} ${rest.slice(4)}` };
}

/**
 * The 6-digit code in the newest text message to `e164`, read on /dev/mailbox (in a new tab of
 * the page's browser context). Waits until at least `atLeast` messages to that number are there.
 */
export async function readLatestSmsCode(page: Page, e164: string, { atLeast = 1 } = {}): Promise<{ code: string; body: string }> {
  const mailbox = await page.context().newPage();
  try {
    const texts = mailbox.getByRole("article", { name: `Text message to ${e164}` });
    await expect(async () => {
      await mailbox.goto(`/dev/mailbox?phone=${encodeURIComponent(e164)}`);
      expect(await texts.count()).toBeGreaterThanOrEqual(atLeast);
    }).toPass({ timeout: 15_000 });
    const body = (await texts.first().getByTestId("sms-body").textContent()) ?? "";
    const code = /\b(\d{6})\b/.exec(body)?.[1];
    if (!code) throw new Error(`No code in the text message: ${body}`);
    return { code, body };
  } finally {
    await mailbox.close();
  }
}
