import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signInDemo } from "./support/demo";
import { axeViolations } from "./support/axe";
import { publicPages, signedInPages } from "./support/pages";
import { openMenuDrawer } from "./support/workspace";
import { LOCALES, LOCALE_COOKIE } from "../lib/i18n/locales";

// Issue 11, item 7: zero accessibility violations. axe-core (e2e/support/axe.ts) on every page of
// the build: the signed-out ones, then every signed-in page as the demo Owner (who may open them
// all), with the account menu or the phone menu open once too, and an address that doesn't exist.
// In each language, in the light and the dark colour scheme (the app follows the browser's
// prefers-color-scheme, so each page is checked in both without loading it twice); the desktop and
// phone projects both run this file (playwright.config.ts).

const SCHEMES = ["light", "dark"] as const;

async function openMenus(page: Page) {
  if (await page.getByTestId("open-menu").isVisible()) {
    await openMenuDrawer(page);
  } else {
    await page.locator("header summary").click();
    await expect(page.locator("header details")).toHaveAttribute("open", "");
  }
}

for (const locale of LOCALES) {
  test(`axe finds no violation on any page, light and dark (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(600_000);
    const chooseLocale = () => context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL! }]);
    const problems: string[] = [];
    const check = async (what: string) => {
      for (const colorScheme of SCHEMES) {
        await page.emulateMedia({ colorScheme });
        // Buttons fade between their colours (transition-colors): measured mid-fade, contrast is neither scheme's.
        await page.evaluate(() => Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished.catch(() => undefined))));
        for (const line of await axeViolations(page)) problems.push(`${what} (${colorScheme}): ${line}`);
      }
    };

    await chooseLocale();
    for (const { url } of [...publicPages(), { url: "/no/such/page" }]) {
      await page.goto(url);
      await check(url);
    }

    // Signing in in English (the helper reads English labels); the reader's language then comes back.
    await context.clearCookies();
    await signInDemo(page, "owner@demo.relay-crm.test");
    await chooseLocale();
    const pages = await signedInPages(page);
    for (const { url } of [...pages, { url: "/demo/no-such-page" }]) {
      await page.goto(url);
      await check(url);
    }
    await page.goto(pages[0]!.url);
    await openMenus(page);
    await check(`${pages[0]!.url} with its menu open`);

    expect(problems).toEqual([]);
  });
}
