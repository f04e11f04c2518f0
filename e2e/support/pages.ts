import type { Page } from "@playwright/test";
import { appRoutes, urlFor } from "./build";
import { DEMO_SLUG } from "./demo";

// Every page of the build under test (from its app-paths manifest, as e2e/fuzz.spec.ts reads it),
// made into URLs a browser can visit: signed-in pages with their dynamic segments filled with real
// records of the demo workspace, and the pages a signed-out visitor meets. A page added to the app
// is visited by the width and accessibility tests the day it is added.

export type VisitablePage = { route: string; url: string };

const SIGNED_IN_PREFIX = "/[tenant]/(app)";
// Record ids in links: cuid or uuid, never the fixed segments (new, import, trash, edit…).
const ID = "([0-9a-z][0-9a-z-]{19,})";

/** The app paths of the pages inside the signed-in frame ("/[tenant]/(app)/customers/[id]"). */
export function signedInRoutes(): string[] {
  return appRoutes()
    .filter(({ route, kind }) => kind === "page" && (route === SIGNED_IN_PREFIX || route.startsWith(`${SIGNED_IN_PREFIX}/`)))
    .map(({ route }) => route)
    .sort();
}

/** Where each dynamic segment's real id is found: the page listing such records, and the link pattern. */
const ID_SOURCES: Record<string, { from: string; link: RegExp }[]> = {
  customer: [{ from: "/customers", link: new RegExp(`^/${DEMO_SLUG}/customers/${ID}$`) }],
  opportunity: [{ from: "/opportunities", link: new RegExp(`^/${DEMO_SLUG}/opportunities/${ID}$`) }],
  taskId: [{ from: "/tasks", link: new RegExp(`^/${DEMO_SLUG}/tasks/${ID}$`) }],
  userId: [{ from: "/members", link: new RegExp(`^/${DEMO_SLUG}/members/${ID}/transfer$`) }],
  jobId: [{ from: "/customers/import", link: new RegExp(`^/${DEMO_SLUG}/customers/import/jobs/${ID}$`) }],
};

async function linkTargets(page: Page, path: string): Promise<string[]> {
  await page.goto(`/${DEMO_SLUG}${path}`);
  return page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
}

async function firstId(page: Page, param: string): Promise<string> {
  for (const { from, link } of ID_SOURCES[param]!) {
    for (const href of await linkTargets(page, from)) {
      const match = link.exec(href);
      if (match) return match[1]!;
    }
  }
  throw new Error(`No ${param} to fill in: no link like ${ID_SOURCES[param]!.map((s) => s.link).join(" or ")} on the demo workspace's pages`);
}

/**
 * Every signed-in page of the build as URLs in the demo workspace. `page` must be signed in to
 * the demo workspace as its Owner (who may open every page); it is left on some list page.
 */
export async function signedInPages(page: Page): Promise<VisitablePage[]> {
  const customer = await firstId(page, "customer");
  // A contact of that customer, from its page.
  const contactLink = new RegExp(`^/${DEMO_SLUG}/customers/${customer}/contacts/${ID}$`);
  const contact = (await linkTargets(page, `/customers/${customer}`)).map((href) => contactLink.exec(href)?.[1]).find(Boolean);
  if (!contact) throw new Error(`The demo customer ${customer} has no contact to fill in [contactId]`);
  const ids: Record<string, string> = {
    customer,
    contactId: contact,
    opportunity: await firstId(page, "opportunity"),
    taskId: await firstId(page, "taskId"),
    userId: await firstId(page, "userId"),
    jobId: await firstId(page, "jobId"),
  };
  return signedInRoutes().map((route) => ({
    route,
    url: urlFor(route, (param) => {
      if (param === "tenant") return DEMO_SLUG;
      // [id] is a customer's under /customers, an opportunity's under /opportunities.
      const key = param === "id" ? (route.includes("/customers/[id]") ? "customer" : "opportunity") : param;
      const id = ids[key];
      if (!id) throw new Error(`No demo id for [${param}] in ${route}: add where to find one to ID_SOURCES`);
      return id;
    }),
  }));
}

// A link token no email ever carried: the token pages show what a visitor with a stale link sees.
const STALE_TOKEN = "stale-link-token-0000000000000000";

/**
 * Every page outside the signed-in frame, visited signed out, in the demo workspace where it
 * belongs to one. Next.js's own /_not-found and /_global-error are no addresses a visitor opens.
 */
export function publicPages(): VisitablePage[] {
  return appRoutes()
    .filter(({ route, kind }) => kind === "page" && !route.startsWith("/_") && route !== SIGNED_IN_PREFIX && !route.startsWith(`${SIGNED_IN_PREFIX}/`))
    .map(({ route }) => route)
    .sort()
    .map((route) => ({ route, url: urlFor(route, (param) => (param === "tenant" ? DEMO_SLUG : STALE_TOKEN)) }));
}
