import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContextOptions, Locator, Page, TestInfo } from "@playwright/test";
import { LOCALE_COOKIE, type Locale } from "../../lib/i18n/locales";
import { testClientIp } from "./test";

// What every screenshot tour (e2e/screenshots/*.tour.ts, run by `npm run screenshots`, not by
// `npm test`) shares: pictures for people to look at, at the project's width (desktop 1280×800,
// phone 390×844), each in the light and the dark colour scheme, written to screenshots/ (gitignored)
// as <project>-<scheme>-<tour>-<nn>-<name>.png. Nothing compares them with earlier pictures: fonts
// and CJK glyphs differ between machines. A tour's assertions only make sure each picture shows the
// page it is named after.

export const SCREENSHOTS_DIR = path.resolve(import.meta.dirname, "..", "..", "screenshots");
const SCHEMES = ["light", "dark"] as const;

/**
 * Resolves once the web fonts are in and the DOM has not changed for three frames in a row: a chart
 * redrawn in the colours of the scheme just chosen (they are picked in script, not by CSS), or
 * Recharts' drawing animation run to its end.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise<void>((resolve) => {
      let quietFrames = 0;
      const observer = new MutationObserver(() => {
        quietFrames = 0;
      });
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      const frame = () => {
        quietFrames += 1;
        if (quietFrames >= 3) {
          observer.disconnect();
          resolve();
        } else {
          requestAnimationFrame(frame);
        }
      };
      requestAnimationFrame(frame);
    });
  });
}

/** Photographs a whole page, or one element of it, in both colour schemes. */
export type Shoot = (target: Page | Locator, name: string) => Promise<void>;

/** The camera for one tour: shots are numbered in the order taken, so the files sort as the tour went. */
export function camera(testInfo: TestInfo, tour: string): Shoot {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  let taken = 0;
  return async (target, name) => {
    taken += 1;
    const element = "page" in target ? target : null;
    const page = element ? element.page() : (target as Page);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await settled(page);
      const file = path.join(SCREENSHOTS_DIR, `${testInfo.project.name}-${scheme}-${tour}-${String(taken).padStart(2, "0")}-${name}.png`);
      const options = { path: file, animations: "disabled", caret: "hide" } as const;
      await (element ? element.screenshot(options) : page.screenshot({ ...options, fullPage: true }));
    }
    await page.emulateMedia({ colorScheme: "light" });
  };
}

/**
 * A second visitor beside the tour's own page: a browser context of its own (the project's
 * viewport and base URL), from a network address of its own, so per-address limits never mix
 * it up with the tour's other visitors. `locale` is the language the browser asks for.
 */
export async function newVisitor(browser: Browser, options: Pick<BrowserContextOptions, "locale" | "storageState"> = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  return context.newPage();
}

/** The language a member chose (the relay_locale cookie), for the pages opened after this. */
export async function chooseLanguage(page: Page, locale: Locale): Promise<void> {
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: new URL(page.url()).origin }]);
}
