import type { ChildProcess } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/test";
import { signUpWorkspace } from "./support/workspace";
import { scanAs, setUpWorkplaceConnection, startWorkplaceMock, WORKPLACE_MOCKS, type WorkplaceMock } from "./support/workplace-apps";
import { stopIdp } from "./support/sso";

// WeCom, DingTalk and Feishu (issue 14, "The Chinese workplace apps") through local stand-ins that
// speak each app's documented requests (e2e/support/workplace-apps-mock.mjs): a new colleague is
// provisioned at first sign-in, and an account of another organisation (another corp id or
// tenant key; for WeCom someone outside the corp) is refused. Fixed ports: one worker, in order.
test.describe.configure({ mode: "default" });

const mocks: ChildProcess[] = [];
test.beforeAll(async () => {
  for (const kind of Object.keys(WORKPLACE_MOCKS) as WorkplaceMock[]) mocks.push(await startWorkplaceMock(kind));
});
test.afterAll(async () => {
  await Promise.all(mocks.map(stopIdp));
});

async function freshPage(browser: Browser, clientIp: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": clientIp } });
  return context.newPage();
}

const NAMES: Record<WorkplaceMock, string> = { wecom: "Acme WeCom", dingtalk: "Acme DingTalk", feishu: "Acme Feishu" };

for (const kind of Object.keys(WORKPLACE_MOCKS) as WorkplaceMock[]) {
  test(`${kind}: a colleague scans in and is provisioned; another organisation's account is refused`, async ({ page, browser, clientIp }) => {
    const workspace = await signUpWorkspace(page);
    const domain = `${workspace.slug}.test`;
    await setUpWorkplaceConnection(page, workspace.slug, kind, { name: NAMES[kind], domains: domain, jit: true });

    await scanAs(kind, { id: "ann.lee", name: "Ann Lee", email: `ann.lee@${domain}` });
    const ann = await freshPage(browser, clientIp);
    await ann.goto(`/${workspace.slug}/login`);
    await ann.getByRole("button", { name: `Sign in with ${NAMES[kind]}` }).click();
    await expect(ann).toHaveURL(`/${workspace.slug}`);
    await expect(ann.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ann Lee");

    await scanAs(kind, kind === "wecom" ? { id: "eve", name: "Eve", email: `eve@${domain}`, outsider: true } : { id: "eve", name: "Eve", email: `eve@${domain}`, corp: "another-corp" });
    const eve = await freshPage(browser, clientIp);
    await eve.goto(`/${workspace.slug}/login`);
    await eve.getByRole("button", { name: `Sign in with ${NAMES[kind]}` }).click();
    await expect(eve).toHaveURL(`/${workspace.slug}/login?sso=corp`);
    await expect(eve.getByTestId("sso-problem-corp")).toBeVisible();

    await page.goto(`/${workspace.slug}/audit`);
    await expect(page.getByText("Another organisation in the app").first()).toBeVisible();
  });
}
