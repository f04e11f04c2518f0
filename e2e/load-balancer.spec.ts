import { randomInt } from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { emailFor, signIn, signUpWorkspace, type Workspace } from "./support/workspace";
import {
  BALANCER_SOURCE_ADDRESS,
  BALANCER_URL,
  PICK_SERVER_HEADER,
  SERVED_BY_HEADER,
  balancerRequest,
  startLoadBalancer,
  type AppServerName,
  type LoadBalancer,
} from "./support/load-balancer";

// Two production app servers on one PostgreSQL behind a real HAProxy (e2e/support/load-balancer.ts),
// as the app is deployed: what one server learns, the other knows on the next request, because
// sessions, limits, lockouts and the job schedule live in the database and nowhere else. Each step
// picks its server, so "through A, then B" is what really happened, not what round robin may do.
//
// The browsers send no X-Forwarded-For of their own (unlike the other specs' test addresses),
// except where a test forges one to show it changes nothing: HAProxy appends its client's
// address, 127.0.0.1, and connects to the app servers from 127.0.0.2.

test.describe.configure({ mode: "serial" });

const CLIENT_ADDRESS = "127.0.0.1";
// What a client may write into X-Forwarded-For itself (a documentation address, RFC 5737).
const FORGED_ADDRESS = "203.0.113.7";
const WRONG = "definitely-not-my-password";
// lib/auth/rate-limit.ts AUTH_IP_LIMIT: sign-in-like POSTs per address per one-minute window.
const IP_LIMIT = 30;
// lib/jobs/worker.ts POLL_INTERVAL_MS: every server's worker looks at the schedule this often.
const POLL_INTERVAL_MS = 15_000;
const REMINDER = "Call Initech about the renewal";

type Visitor = { context: BrowserContext; page: Page; use: (server: AppServerName) => Promise<void> };

/**
 * A browser of its own whose every request (pages, server actions, assets) goes to `server`,
 * with `headers` besides.
 */
async function visitor(browser: Browser, server: AppServerName, headers: Record<string, string> = {}): Promise<Visitor> {
  const context = await browser.newContext({
    baseURL: BALANCER_URL,
    locale: "en-US",
    timezoneId: "UTC",
    extraHTTPHeaders: { ...headers, [PICK_SERVER_HEADER]: server },
  });
  return { context, page: await context.newPage(), use: (next) => context.setExtraHTTPHeaders({ ...headers, [PICK_SERVER_HEADER]: next }) };
}

/** Opens `path` and checks which app server answered it. */
async function visit(page: Page, path: string, server: AppServerName) {
  const response = await page.goto(path);
  expect(response?.headers()[SERVED_BY_HEADER]).toBe(`app_${server}`);
}

let balancer: LoadBalancer | undefined;
let owner: Visitor;
let workspace: Workspace;
let reminderSetAt = 0;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(180_000);
  const appPort = Number(new URL(testInfo.project.use.baseURL!).port);
  balancer = await startLoadBalancer({ a: appPort, b: appPort + 1 });

  owner = await visitor(browser, "a");
  workspace = await signUpWorkspace(owner.page);

  // A reminder due this very minute (the browser runs in UTC): both servers' workers poll the
  // schedule, and the last test checks that it was emailed once. Set first, so the wait for
  // both workers to have looked runs alongside the other tests.
  await owner.page.goto(`/${workspace.slug}/tasks`);
  const form = owner.page.getByTestId("new-task-form");
  const now = new Date();
  await form.getByLabel("What needs doing").fill(REMINDER);
  await form.getByLabel("Due date").fill(now.toISOString().slice(0, 10));
  await form.getByLabel("Due time").fill(now.toISOString().slice(11, 16));
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByRole("status")).toContainText("Task added.");
  reminderSetAt = Date.now();
});

test.afterAll(async () => {
  await owner?.context.close();
  await balancer?.stop();
});

test("a session ended through one server is refused by the other on its next request", async ({ browser }) => {
  // This browser claims another address; HAProxy appends the real one, which the app believes.
  const laptop = await visitor(browser, "b", { "X-Forwarded-For": FORGED_ADDRESS });
  await signIn(laptop.page, workspace.slug, workspace.email, workspace.password);
  await visit(laptop.page, `/${workspace.slug}`, "b");
  await expect(laptop.page.getByTestId("workspace-name")).toHaveText(workspace.companyName);
  // The same session works on the other server too: nothing about it lives in one process.
  await laptop.use("a");
  await visit(laptop.page, `/${workspace.slug}`, "a");
  await expect(laptop.page.getByTestId("workspace-name")).toHaveText(workspace.companyName);

  // The owner's other browser, on server A, ends the laptop's session.
  await visit(owner.page, `/${workspace.slug}/security`, "a");
  const other = owner.page.getByTestId("session-row").filter({ hasNot: owner.page.getByText("This device") });
  await expect(other).toHaveCount(1);
  // The app records the client's address, not the balancer's.
  await expect(other).toContainText(CLIENT_ADDRESS);
  await expect(other).not.toContainText(BALANCER_SOURCE_ADDRESS);
  await expect(other).not.toContainText(FORGED_ADDRESS);
  await other.getByRole("button", { name: "End session" }).click();
  await expect(owner.page.getByTestId("session-row")).toHaveCount(1);

  // The laptop's next request, on server B, is sent to sign in.
  await laptop.use("b");
  await visit(laptop.page, `/${workspace.slug}`, "b");
  await expect(laptop.page).toHaveURL(new RegExp(`/${workspace.slug}/login`));
  await laptop.context.close();
});

test("audit entries carry the client's address, not the balancer's", async () => {
  await visit(owner.page, `/${workspace.slug}/audit`, "a");
  const ended = owner.page.getByTestId("audit-table").getByTestId("audit-row").filter({ hasText: "ended one of their sessions" });
  await expect(ended).toHaveCount(1);
  await expect(ended).toContainText(CLIENT_ADDRESS);
  await expect(ended).not.toContainText(BALANCER_SOURCE_ADDRESS);
  // The sign-up through the balancer, too.
  const table = owner.page.getByTestId("audit-table");
  await expect(table).toContainText(CLIENT_ADDRESS);
  await expect(table).not.toContainText(BALANCER_SOURCE_ADDRESS);
  await expect(table).not.toContainText(FORGED_ADDRESS);
});

test("failed sign-ins through A and B add up to one lockout", async ({ browser }) => {
  // Lock after three failures, and no captcha before that, so three wrong passwords are enough.
  await visit(owner.page, `/${workspace.slug}/settings/security`, "a");
  await owner.page.getByLabel("Ask for a captcha after").fill("20");
  await owner.page.getByLabel("Lock the username after").fill("3");
  await owner.page.getByRole("button", { name: "Save sign-in protection" }).click();
  await expect(owner.page.getByText("Sign-in protection saved.")).toBeVisible();

  // Unknown usernames are counted and locked like real ones (so nobody learns which exist).
  const username = emailFor("nobody", workspace.slug);
  const guesser = await visitor(browser, "a");
  const attempt = async (server: AppServerName, expected: RegExp) => {
    await guesser.use(server);
    await guesser.page.goto(`/${workspace.slug}/login`);
    await guesser.page.getByLabel("Email or employee number").fill(username);
    await guesser.page.getByLabel("Password", { exact: true }).fill(WRONG);
    const answered = guesser.page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/login"));
    await guesser.page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect((await answered).headers()[SERVED_BY_HEADER]).toBe(`app_${server}`);
    await expect(guesser.page.getByRole("alert").filter({ hasText: expected })).toBeVisible();
  };
  const locked = /Too many attempts\. Sign-in for this username is locked until/;
  // A has seen two failures and B one when the third locks the username: one count, in the database.
  await attempt("a", /don't match/);
  await attempt("b", /don't match/);
  await attempt("a", locked);
  await attempt("b", locked);
  await guesser.context.close();
});

test("the per-address sign-in limit counts requests through A and B together", async () => {
  // The limit counts in fixed one-minute windows (lib/auth/rate-limit.ts). A run that straddles a
  // window's edge starts afresh, from another address, instead of waiting for a window to start.
  let answers: { status: number; servedBy: unknown }[] = [];
  for (let run = 0; run < 2; run += 1) {
    // An address nobody else uses: Node's http client connects from it, HAProxy reports it.
    const client = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    const window = Math.floor(Date.now() / 60_000);
    answers = [];
    for (let i = 0; i < IP_LIMIT + 4; i += 1) {
      const server = i % 2 === 0 ? "a" : "b";
      const response = await balancerRequest({
        path: `/${workspace.slug}/login`,
        server,
        from: client,
        form: { username: `guess${i}@example.test`, password: WRONG },
        // A fresh address of its own choosing on every request changes nothing: HAProxy's comes last.
        headers: { "X-Forwarded-For": `198.51.100.${i + 1}` },
      });
      answers.push({ status: response.status, servedBy: response.headers[SERVED_BY_HEADER] });
    }
    if (Math.floor(Date.now() / 60_000) === window) break;
  }
  // Each server handled half; the first IP_LIMIT went through, everything after is refused.
  expect(answers.map((answer) => answer.servedBy)).toEqual(answers.map((_, i) => (i % 2 === 0 ? "app_a" : "app_b")));
  expect(answers.slice(0, IP_LIMIT).filter((answer) => answer.status === 429)).toEqual([]);
  expect(answers.slice(IP_LIMIT).map((answer) => answer.status)).toEqual(Array(4).fill(429));
});

test("a reminder due now is emailed once, though both servers run the schedule", async () => {
  const reminders = async () => {
    const mailbox = await owner.context.newPage();
    try {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(workspace.email)}`);
      return await mailbox.getByTestId("mailbox-message").filter({ hasText: `Reminder: ${REMINDER}` }).count();
    } finally {
      await mailbox.close();
    }
  };
  await expect.poll(reminders, { timeout: 2 * POLL_INTERVAL_MS + 30_000, intervals: [1_000] }).toBeGreaterThan(0);
  // By now every worker has polled at least once since the reminder fell due: still one email.
  const bothPolled = reminderSetAt + POLL_INTERVAL_MS + 5_000 - Date.now();
  if (bothPolled > 0) await new Promise((resolve) => setTimeout(resolve, bothPolled));
  expect(await reminders()).toBe(1);
});
