import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signInDemo } from "./support/demo";
import { axeViolations } from "./support/axe";
import { publicPages, signedInPages } from "./support/pages";
import { hasPhoneMenu, openMenuDrawer } from "./support/workspace";
import { LOCALES, LOCALE_COOKIE } from "../lib/i18n/locales";

// Issue 11, item 7: zero accessibility violations. axe-core (e2e/support/axe.ts) on every page of
// the build: the signed-out ones, then every signed-in page as the demo Owner (who may open them
// all), with the account menu or the phone menu open once too, and an address that doesn't exist.
// In each language, in the light and the dark colour scheme (the app follows the browser's
// prefers-color-scheme, so each page is checked in both without loading it twice): every rule in
// light, and in dark the colour rules, the only ones a scheme can change (e2e/support/axe.ts).
// The desktop and phone projects both run this file (playwright.config.ts).

const SCHEMES = ["light", "dark"] as const;

async function openMenus(page: Page) {
  if (hasPhoneMenu(page)) {
    await openMenuDrawer(page);
  } else {
    await page.locator("header summary").click();
    await expect(page.locator("header details")).toHaveAttribute("open", "");
  }
}

/** Runs axe on the page as it is now, in each scheme, and adds what it finds to `problems`. */
function checker(page: Page, problems: string[]) {
  return async (what: string) => {
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      // Buttons fade between their colours (transition-colors): measured mid-fade, contrast is neither scheme's.
      await page.evaluate(() => Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished.catch(() => undefined))));
      for (const line of await axeViolations(page, { coloursOnly: colorScheme === "dark" })) problems.push(`${what} (${colorScheme}): ${line}`);
    }
  };
}

// The signed-in pages in parts, each a test of its own: the two workers share them instead of
// one worker finishing a single long test alone at the end of the run.
const SIGNED_IN_PARTS = 2;

for (const locale of LOCALES) {
  test(`axe finds no violation on any signed-out page, light and dark (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(300_000);
    const problems: string[] = [];
    const check = checker(page, problems);
    await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL! }]);
    for (const { url } of [...publicPages(), { url: "/no/such/page" }]) {
      await page.goto(url);
      await check(url);
    }
    expect(problems).toEqual([]);
  });

  for (let part = 0; part < SIGNED_IN_PARTS; part++) {
    test(`axe finds no violation on any signed-in page, part ${part + 1} of ${SIGNED_IN_PARTS}, light and dark (${locale})`, async ({ page, context, baseURL }) => {
      test.setTimeout(300_000);
      const problems: string[] = [];
      const check = checker(page, problems);
      // Signing in in English (the helper reads English labels); the reader's language then comes back.
      await signInDemo(page, "owner@demo.relay-crm.test");
      await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL! }]);
      const pages = [...(await signedInPages(page)), { route: "", url: "/demo/no-such-page" }];
      const mine = pages.filter((_, index) => index % SIGNED_IN_PARTS === part);
      expect(mine.length).toBeGreaterThan(0);
      for (const { url } of mine) {
        await page.goto(url);
        await check(url);
      }
      if (part === 0) {
        await page.goto(pages[0]!.url);
        await openMenus(page);
        await check(`${pages[0]!.url} with its menu open`);
      }
      expect(problems).toEqual([]);
    });
  }
}
