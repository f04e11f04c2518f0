import { expect, test } from "./support/test";
import { signInDemo } from "./support/demo";
import { signedInPages } from "./support/pages";
import { LOCALE_COOKIE } from "../lib/i18n/locales";

// Issue 11, item 4: the signed-in frame and every page in it fit the window, from a phone to a
// wide desktop: nothing scrolls sideways. Every signed-in page of the build (e2e/support/pages.ts)
// is opened as the demo Owner, who sees every navigation item, and measured at each width.

const WIDTHS = [390, 768, 1024, 1280, 1920];

/** How wide the document is once layout has settled at the current viewport. */
async function documentWidth(page: import("@playwright/test").Page) {
  return page.evaluate(async () => {
    await new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth };
  });
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`no signed-in page is wider than the window at ${WIDTHS.join(", ")} px (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(300_000);
    await signInDemo(page, "owner@demo.relay-crm.test");
    await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseURL! }]);
    const pages = await signedInPages(page);
    expect(pages.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const { url } of pages) {
      await page.setViewportSize({ width: WIDTHS[0]!, height: 900 });
      const response = await page.goto(url);
      if (!response || response.status() >= 400 || new URL(page.url()).pathname.endsWith("/login")) {
        problems.push(`${url}: did not open (${response?.status() ?? "no answer"}, at ${page.url()})`);
        continue;
      }
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const { scrollWidth, innerWidth } = await documentWidth(page);
        if (scrollWidth > innerWidth) problems.push(`${url} at ${width} px: the page is ${scrollWidth} px wide`);
      }
    }
    expect(problems).toEqual([]);
  });
}
