import { expect, type Page } from "@playwright/test";

export type Email = { to: string; subject: string; links: string[] };

/**
 * The newest email to `to` in the outbox, read the way a developer would: on /dev/mailbox
 * (newest first). Opens the mailbox in a new tab of the page's browser context, so the page
 * itself stays where it is. Waits for at least `atLeast` messages to that address to be there.
 */
export async function readLatestEmail(page: Page, to: string, { atLeast = 1 } = {}): Promise<Email> {
  const mailbox = await page.context().newPage();
  try {
    const messages = mailbox.getByTestId("mailbox-message");
    await expect(async () => {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
      expect(await messages.count()).toBeGreaterThanOrEqual(atLeast);
    }).toPass({ timeout: 15_000 });
    const latest = messages.first();
    return {
      to: (await latest.getByTestId("mailbox-to").textContent())?.trim() ?? "",
      subject: (await latest.getByTestId("mailbox-subject").textContent())?.trim() ?? "",
      links: await latest.getByTestId("mailbox-link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href)),
    };
  } finally {
    await mailbox.close();
  }
}

/** How many emails to `to` the outbox holds. */
export async function countEmails(page: Page, to: string): Promise<number> {
  const mailbox = await page.context().newPage();
  try {
    await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    return await mailbox.getByTestId("mailbox-message").count();
  } finally {
    await mailbox.close();
  }
}

/**
 * The 6-digit code in the newest code email to `to` (codes by email), read from its plain-text
 * part on /dev/mailbox; other emails (a new-sign-in alert) are skipped. Waits for at least
 * `atLeast` code emails to that address.
 */
export async function readLatestEmailCode(page: Page, to: string, { atLeast = 1 } = {}): Promise<string> {
  const mailbox = await page.context().newPage();
  try {
    const messages = mailbox.getByTestId("mailbox-message").filter({ has: mailbox.getByTestId("mailbox-subject").filter({ hasText: "verification code" }) });
    await expect(async () => {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
      expect(await messages.count()).toBeGreaterThanOrEqual(atLeast);
    }).toPass({ timeout: 15_000 });
    const text = (await messages.first().locator("pre").textContent()) ?? "";
    // The code stands on a line of its own (a workspace name could hold six digits too).
    const code = /^(\d{6})$/m.exec(text)?.[1];
    if (!code) throw new Error(`No code in the newest email to ${to}`);
    return code;
  } finally {
    await mailbox.close();
  }
}
