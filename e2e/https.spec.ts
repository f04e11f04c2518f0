import type { BrowserContext, Page, Response } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn, signOut, signUpWorkspace } from "./support/workspace";
import { E2E_HTTPS_APP_PORT, E2E_HTTPS_HOST, E2E_HTTPS_URL } from "../scripts/lib/e2e-https.mjs";

// The sign-in journeys over https (the "https" project in playwright.config.ts): an app server with
// APP_URL=https://relay-crm.test:3443 behind a TLS endpoint with a certificate made for this run,
// which Chromium trusts by its key's hash. Not localhost, where Chromium treats plain http as
// secure. Proves the session cookie's `__Host-` prefix, Secure, HttpOnly and SameSite, HSTS,
// password sign-in, an emailed link that says https://, and a passkey added and used, then that
// cookies a plain-http page could set are refused by the browser or ignored by the app.

const SESSION_COOKIE = "__Host-relay_session";

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies(E2E_HTTPS_URL)).find((cookie) => cookie.name === SESSION_COOKIE);
}

function expectHsts(response: Response | null) {
  expect(response, "a response").not.toBeNull();
  expect(response!.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
}

/**
 * The sign-in link emailed to `to`, from any of its messages: the password sign-in's "new
 * sign-in" alert is sent after its answer, so it may arrive after the link and be the newest.
 */
async function signInLinkFor(page: Page, to: string, slug: string): Promise<string> {
  const mailbox = await page.context().newPage();
  try {
    let link: string | undefined;
    await expect(async () => {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
      const links = await mailbox.getByTestId("mailbox-link").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      link = links.find((url) => url.includes(`/${slug}/login/link/`));
      expect(link, `a sign-in link among ${JSON.stringify(links)}`).toBeTruthy();
    }).toPass({ timeout: 15_000 });
    return link!;
  } finally {
    await mailbox.close();
  }
}

async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: false },
  });
  // The login page asks for a passkey through autofill as it loads, and the virtual authenticator
  // answers at once while it simulates presence; so presence is on only while a passkey should sign in.
  const presence = (enabled: boolean) => cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled });
  return { cdp, authenticatorId, presence };
}

test("over https the session cookie is __Host-, Secure, HttpOnly and Lax, and password, emailed link and passkey sign in", async ({ page, context }) => {
  const workspace = await signUpWorkspace(page);
  expect(page.url().startsWith(`${E2E_HTTPS_URL}/`)).toBe(true);

  // The session cookie: host-only, Secure, HttpOnly, Lax; no cookie without the prefix.
  const afterSignUp = await sessionCookie(context);
  expect(afterSignUp).toMatchObject({ domain: E2E_HTTPS_HOST, path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
  const cookies = await context.cookies(E2E_HTTPS_URL);
  expect(cookies.map((cookie) => cookie.name)).not.toContain("relay_session");
  // Every cookie the script can't read (the app's credentials and device marks) is Secure too.
  for (const cookie of cookies.filter((c) => c.httpOnly)) expect(cookie, cookie.name).toMatchObject({ secure: true });

  // HSTS on pages, on the login page and on a refusal the proxy gives itself.
  expectHsts(await page.goto(`/${workspace.slug}`));
  expectHsts(await page.goto(`/${workspace.slug}/login`));
  expectHsts(await page.goto(`/${workspace.slug}/%00`));

  // Password.
  await page.goto(`/${workspace.slug}`);
  await signOut(page, workspace.ownerName);
  expect(await sessionCookie(context)).toBeUndefined();
  await signIn(page, workspace.slug, workspace.email, workspace.password);
  await expect(page).toHaveURL(`/${workspace.slug}`);
  const afterPassword = await sessionCookie(context);
  expect(afterPassword).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax" });
  expect(afterPassword!.value).not.toBe(afterSignUp!.value);

  // An emailed sign-in link: it names the https address, and signs in there.
  await signOut(page, workspace.ownerName);
  await page.getByText("Email me a sign-in link").click();
  await page.getByLabel("Send the link to").fill(workspace.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByTestId("link-sent")).toContainText("Check your email");
  const link = await signInLinkFor(page, workspace.email, workspace.slug);
  expect(link.startsWith(`${E2E_HTTPS_URL}/${workspace.slug}/login/link/`), link).toBe(true);
  await page.goto(link);
  await page.getByRole("button", { name: `Sign in to ${workspace.companyName}` }).click();
  await expect(page).toHaveURL(`/${workspace.slug}`);
  expect(await sessionCookie(context)).toMatchObject({ secure: true, httpOnly: true });

  // A passkey: added on the security page (WebAuthn runs only on a page whose certificate the
  // browser accepts), then it alone signs in, through the login page's autofill request.
  const { cdp, authenticatorId, presence } = await addVirtualAuthenticator(page);
  await presence(true);
  await page.goto(`/${workspace.slug}/security`);
  const section = page.getByTestId("passkeys-section");
  await section.getByLabel("Passkey name").fill("Laptop over https");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toContainText("Passkey “Laptop over https” added.");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.rpId).toBe(E2E_HTTPS_HOST);
  await presence(false);
  await signOut(page, workspace.ownerName);
  await page.goto("about:blank");
  await presence(true);
  await page.goto(`/${workspace.slug}/login`);
  await expect(page).toHaveURL(`/${workspace.slug}`);
  await expect(page.getByTestId("workspace-name")).toHaveText(workspace.companyName);
  expect(await sessionCookie(context)).toMatchObject({ secure: true, httpOnly: true });
});

test("cookies a plain-http page could set are refused by the browser or ignored by the app", async ({ page, browser }) => {
  const workspace = await signUpWorkspace(page);
  const session = (await sessionCookie(page.context()))!;

  // The same host name over plain http (the app's own port behind the TLS endpoint, as an
  // attacker on the network could answer in its place): a fresh browser, so no HSTS entry from
  // the https visits upgrades the request.
  const attacker = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.66.66.66" } });
  const plain = await attacker.newPage();
  await plain.goto(`http://${E2E_HTTPS_HOST}:${E2E_HTTPS_APP_PORT}/api/health`);
  // A `__Host-` cookie needs a secure page: the browser drops it, so no session can be planted.
  await plain.evaluate((name) => {
    document.cookie = `${name}=planted; Secure; Path=/`;
  }, SESSION_COOKIE);
  expect((await attacker.cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
  // A cookie without the prefix is stored, even with a real session's token, but the https app
  // reads only the prefixed name: the visitor stays signed out.
  await plain.evaluate((token) => {
    document.cookie = `relay_session=${token}; Path=/`;
  }, session.value);
  expect((await attacker.cookies()).map((cookie) => cookie.name)).toContain("relay_session");
  await plain.goto(`${E2E_HTTPS_URL}/${workspace.slug}`);
  await expect(plain).toHaveURL(new RegExp(`/${workspace.slug}/login`));
  await attacker.close();

  // HSTS at work: this browser has been to the https site, so it asks for the plain-http address
  // over TLS itself (and the plain port, which speaks no TLS, can't answer). No request, and no
  // Secure cookie, ever leaves it unencrypted.
  await expect(page.goto(`http://${E2E_HTTPS_HOST}:${E2E_HTTPS_APP_PORT}/${workspace.slug}`)).rejects.toThrow(/ERR_SSL_PROTOCOL_ERROR/);
});
