import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

// The WeCom, DingTalk and Feishu stand-ins (e2e/support/workplace-apps-mock.mjs) for
// e2e/sso-workplace-apps.spec.ts, and the steps an admin takes to connect Relay to one. Their
// origins are allowed through the SSRF guard by SSO_ALLOWED_PRIVATE_ISSUERS
// (scripts/lib/e2e-environment.mjs).

export const WORKPLACE_MOCKS = {
  wecom: { port: 4410, label: "WeCom (企业微信)", corp: "wwmockcorp01", clientId: "wwmockcorp01", secret: "wecom-app-secret", tenantLabel: "Agent ID (AgentId)", tenant: "1000002", clientIdLabel: "Corp ID (CorpId)" },
  dingtalk: { port: 4411, label: "DingTalk (钉钉)", corp: "dingmockcorp01", clientId: "dingmockappkey", secret: "dingtalk-app-secret", tenantLabel: "Corp ID (CorpId)", tenant: "dingmockcorp01", clientIdLabel: "Client ID (AppKey)" },
  feishu: { port: 4412, label: "Feishu / Lark (飞书)", corp: "mocktenantkey01", clientId: "cli_mockapp01", secret: "feishu-app-secret", tenantLabel: "Tenant key (tenant_key)", tenant: "mocktenantkey01", clientIdLabel: "App ID" },
} as const;
export type WorkplaceMock = keyof typeof WORKPLACE_MOCKS;

export const mockOrigin = (kind: WorkplaceMock) => `http://127.0.0.1:${WORKPLACE_MOCKS[kind].port}`;

export async function startWorkplaceMock(kind: WorkplaceMock): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "workplace-apps-mock.mjs"), String(WORKPLACE_MOCKS[kind].port), kind], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} mock did not start`)), 15_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`${kind} mock exited with ${code}`)));
  });
  return child;
}

/** Who "scans" the QR code next: { id, name, email, corp, outsider } (workplace-apps-mock.mjs). */
export async function scanAs(kind: WorkplaceMock, login: Record<string, unknown>) {
  const response = await fetch(`${mockOrigin(kind)}/__mock/login`, { method: "POST", body: JSON.stringify(login) });
  expect(response.ok).toBe(true);
}

/** Adds, tests (the admin scans as `it@<domain>`) and turns on a connection to the stand-in. */
export async function setUpWorkplaceConnection(page: Page, slug: string, kind: WorkplaceMock, setup: { name: string; domains: string; jit?: boolean }): Promise<string> {
  const mock = WORKPLACE_MOCKS[kind];
  await page.goto(`/${slug}/settings/sso`);
  const add = page.getByTestId("sso-add");
  await add.getByLabel("Kind").selectOption({ label: mock.label });
  await add.getByLabel("Name on the sign-in button").fill(setup.name);
  await add.getByLabel(mock.tenantLabel).fill(mock.tenant);
  await add.getByText("Advanced").click();
  await add.getByLabel("Authority URL").fill(mockOrigin(kind));
  await add.getByLabel(mock.clientIdLabel).fill(mock.clientId);
  await add.getByLabel("Client secret").fill(mock.secret);
  await add.getByLabel("Allowed email domains").fill(setup.domains);
  if (setup.jit) await add.getByLabel("Create members at their first sign-in").check();
  await add.getByRole("button", { name: "Add connection" }).click();
  await expect(add.getByRole("status")).toContainText("Connection added.");

  const section = page.locator("[data-testid^=sso-connection-]").filter({ has: page.getByRole("heading", { level: 2, name: setup.name, exact: true }) });
  await expect(section).toBeVisible();
  const id = (await section.getAttribute("data-testid"))!.replace("sso-connection-", "");
  await expect(page.getByTestId(`sso-toggle-${id}`)).toBeDisabled();
  await scanAs(kind, { id: "it.admin", name: "IT Admin", email: `it@${setup.domains}` });
  await page.getByTestId(`sso-test-${id}`).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/sso\\?tested=${id}$`));
  await page.getByTestId(`sso-toggle-${id}`).click();
  await expect(page.getByTestId(`sso-connection-${id}`)).toContainText("On ·");
  return id;
}
