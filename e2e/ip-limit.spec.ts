import { request as playwrightRequest } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { signIn, signOut, signUpWorkspace } from "./support/workspace";
import { serverActionId } from "./support/build";

// Credential stuffing: one address trying many sign-ins is turned away with 429 before any
// password is hashed, and the count is kept in PostgreSQL, so both app servers (ports 3100 and
// 3101, one database) enforce one shared limit. Other people keep signing in meanwhile.

const LIMIT = 30;

// The limit counts in fixed one-minute windows: a test that fills one and then checks it is still
// full must not straddle a window's edge, so it starts with enough of a window left.
async function withEnoughOfAWindowLeft(needMs = 25_000) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

async function waitForHealthy(url: string) {
  const api = await playwrightRequest.newContext();
  await expect
    .poll(async () => (await api.get(url).catch(() => null))?.status() ?? 0, { timeout: 60_000 })
    .toBe(200);
  await api.dispose();
}

test("one address is limited across both app servers, and a real user elsewhere still signs in", async ({ page, baseURL }) => {
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);
  const first = baseURL!;
  const second = first.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`);
  await waitForHealthy(`${second}/api/health`);

  const attacker = await playwrightRequest.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp(), Origin: first } });
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  await withEnoughOfAWindowLeft();
  for (let i = 0; i < LIMIT + 6; i += 1) {
    const server = i % 2 === 0 ? first : second;
    const response = await attacker.post(`${server}/${workspace.slug}/login`, {
      form: { username: `guess${i}@example.test`, password: "not-the-password" },
      headers: { Origin: server },
      maxRedirects: 0,
    });
    statuses.push(response.status());
    if (response.status() === 429) retryAfter ??= response.headers()["retry-after"];
  }
  await attacker.dispose();

  // The first LIMIT requests, split over both servers, are let through; everything after is 429.
  expect(statuses.slice(0, LIMIT).filter((status) => status === 429)).toEqual([]);
  expect(statuses.slice(LIMIT)).toEqual(Array(6).fill(429));
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);

  // The real owner, from their own address, signs in normally on either server.
  await signIn(page, workspace.slug, workspace.email, workspace.password);
  await expect(page).toHaveURL(`/${workspace.slug}`);
});

test("a browser over the limit sees how long to wait instead of an error page", async ({ browser, baseURL }) => {
  const ip = testClientIp();
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
  const page = await context.newPage();
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);
  // Use up the address's allowance from outside the browser, then sign in within the same window.
  await withEnoughOfAWindowLeft(40_000);
  const api = await playwrightRequest.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip, Origin: baseURL! } });
  for (let i = 0; i < LIMIT; i += 1) await api.post(`/${workspace.slug}/login`, { form: { username: "x", password: "y" }, maxRedirects: 0 });
  await api.dispose();

  await page.goto(`/${workspace.slug}/login`);
  await page.getByLabel("Email or employee number").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(workspace.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Too many attempts from your network\. Please wait \d+ seconds/ })).toBeVisible();
  await expect(page.getByLabel("Email or employee number")).toHaveValue(workspace.email);
  await context.close();
});

// The limit lives with the sign-in action, not only with the paths the proxy lists: the action's
// id posted to a page that doesn't render it (Next.js forwards it to the one that does) used to be
// processed without any limit.
test("the sign-in action posted to another path meets the same limit, and past it no password is checked", async ({ page, baseURL }) => {
  const workspace = await signUpWorkspace(page);
  await signOut(page, workspace.ownerName);
  const signInActionId = serverActionId("app/[tenant]/login/actions.ts", "signInAction");
  const attacker = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": testClientIp(), Origin: baseURL! } });
  // What the login form's JavaScript sends: the bound slug, the form state, then the form ($K1).
  const callSignIn = (username: string, password: string) =>
    attacker.post("/help/sign-in", {
      headers: { "Next-Action": signInActionId, Accept: "text/x-component" },
      multipart: { "0": JSON.stringify([workspace.slug, { status: "idle", fieldErrors: {}, values: {} }, "$K1"]), "_1_username": username, "_1_password": password },
      maxRedirects: 0,
    });

  await withEnoughOfAWindowLeft();
  const answers: { status: number; rateLimited: boolean }[] = [];
  for (let i = 0; i < LIMIT + 5; i += 1) {
    const response = await callSignIn(`guess${i}@example.test`, "not-the-password");
    answers.push({ status: response.status(), rateLimited: (await response.text()).includes('"formError":"rateLimited"') });
  }
  // The right password past the limit: refused like the rest, so it is never checked.
  const last = await callSignIn(workspace.email, workspace.password);
  const lastBody = await last.text();
  await attacker.dispose();

  expect(answers.every((answer) => answer.status < 500)).toBe(true);
  expect(answers.slice(0, LIMIT).filter((answer) => answer.rateLimited)).toEqual([]);
  expect(answers.slice(LIMIT).every((answer) => answer.rateLimited || answer.status === 429)).toBe(true);
  expect(last.headers()["x-action-redirect"]).toBeUndefined();
  expect(lastBody).toContain('"formError":"rateLimited"');
});
