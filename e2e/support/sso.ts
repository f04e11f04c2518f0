import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

// Local identity providers for e2e/sso.spec.ts (e2e/support/local-idp.mjs, panva's oidc-provider),
// and the steps an admin takes to connect Relay to one. The e2e server allows exactly these
// origins through the SSRF guard (SSO_ALLOWED_PRIVATE_ISSUERS in scripts/lib/e2e-environment.mjs).

export const ENTRA_TENANT = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
export const IDPS = {
  oidc: { port: 4400, issuer: "http://127.0.0.1:4400" },
  google: { port: 4401, issuer: "http://127.0.0.1:4401" },
  entra: { port: 4402, issuer: `http://127.0.0.1:4402/${ENTRA_TENANT}/v2.0` },
} as const;
export type IdpKind = keyof typeof IDPS;

export async function startIdp(kind: IdpKind): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "local-idp.mjs"), String(IDPS[kind].port), kind], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local IdP ${kind} did not start`)), 15_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`local IdP ${kind} exited with ${code}`)));
  });
  return child;
}

export async function stopIdp(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
}

/** Registers Relay's callback URL at the IdP (RFC 7591), as an admin does in the IdP's console. */
export async function registerClient(kind: IdpKind, callbackUrl: string): Promise<{ clientId: string; clientSecret: string }> {
  const response = await fetch(`${IDPS[kind].issuer}/reg`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ redirect_uris: [callbackUrl], grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { client_id: string; client_secret: string };
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

export type ConnectionSetup = {
  kind: IdpKind;
  name: string;
  domains: string;
  jit?: boolean;
  ssoRequired?: boolean;
  /** Google's hosted domain. */
  hostedDomain?: string;
};

const KIND_LABELS: Record<IdpKind, string> = { oidc: "OpenID Connect", google: "Google Workspace", entra: "Microsoft Entra ID" };

/**
 * On /<slug>/settings/sso (signed in as an Owner or Admin): adds the connection with a placeholder
 * client, registers the callback URL the page shows at the IdP, saves the real client, passes a
 * test sign-in with `testLogin` and turns the connection on. Returns the connection's id.
 */
export async function setUpConnection(page: Page, slug: string, setup: ConnectionSetup, testLogin: string): Promise<string> {
  await page.goto(`/${slug}/settings/sso`);
  const add = page.getByTestId("sso-add");
  await add.getByLabel("Kind").selectOption({ label: KIND_LABELS[setup.kind] });
  await add.getByLabel("Name on the sign-in button").fill(setup.name);
  if (setup.kind === "oidc") await add.getByLabel("Issuer URL").fill(IDPS.oidc.issuer);
  if (setup.kind === "google") {
    await add.getByLabel("Google Workspace domain").fill(setup.hostedDomain ?? "");
    await add.getByText("Advanced").click();
    await add.getByLabel("Authority URL").fill(IDPS.google.issuer);
  }
  if (setup.kind === "entra") {
    await add.getByLabel("Directory (tenant) ID").fill(ENTRA_TENANT);
    await add.getByText("Advanced").click();
    await add.getByLabel("Authority URL").fill("http://127.0.0.1:4402");
  }
  await add.getByLabel("Client ID").fill("registered-next");
  await add.getByLabel("Client secret").fill("registered-next");
  await add.getByLabel("Allowed email domains").fill(setup.domains);
  if (setup.jit) await add.getByLabel("Create members at their first sign-in").check();
  if (setup.ssoRequired) await add.getByLabel("Require single sign-on for these domains").check();
  await add.getByRole("button", { name: "Add connection" }).click();
  await expect(add.getByRole("status")).toContainText("Connection added.");

  // By its heading: every card's kind picker also lists the other kinds' names.
  const section = page.locator("[data-testid^=sso-connection-]").filter({ has: page.getByRole("heading", { level: 2, name: setup.name, exact: true }) });
  await expect(section).toBeVisible();
  const id = (await section.getAttribute("data-testid"))!.replace("sso-connection-", "");
  const callbackUrl = await page.getByTestId(`sso-callback-${id}`).inputValue();
  expect(callbackUrl).toBe(`http://localhost:3100/api/auth/callback/sso-${id}`);
  const client = await registerClient(setup.kind, callbackUrl);

  await section.getByText("Edit connection").click();
  const edit = page.getByTestId(`sso-edit-${id}`);
  await edit.getByLabel("Client ID").fill(client.clientId);
  await edit.getByLabel("Client secret").fill(client.clientSecret);
  await edit.getByRole("button", { name: "Save connection" }).click();
  await expect(edit.getByRole("status")).toContainText("Connection saved.");

  // Not on before a test has passed.
  await expect(page.getByTestId(`sso-toggle-${id}`)).toBeDisabled();
  await page.getByTestId(`sso-test-${id}`).click();
  await idpSignIn(page, testLogin);
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/sso\\?tested=${id}$`));
  await expect(page.getByText(`Test sign-in with ${setup.name} passed.`)).toBeVisible();
  await page.getByTestId(`sso-toggle-${id}`).click();
  await expect(page.getByTestId(`sso-connection-${id}`)).toContainText("On ·");
  return id;
}

/** The IdP's development login form: fields "login" and "password" (any password). */
export async function idpSignIn(page: Page, login: string) {
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:440\d\//);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("idp-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}
