import type { ChildProcess } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import { test, expect } from "./support/test";
import { inviteMember, PASSWORD, signIn, signUpWorkspace } from "./support/workspace";
import { idpSignIn, setUpConnection, startIdp, stopIdp } from "./support/sso";

// Company single sign-on (issue 14) through real local identity providers: panva's oidc-provider
// as a plain OpenID Provider, and as mocks of Google (hosted domain) and Entra ID (tenant issuer).
// The IdPs listen on fixed ports, so this file's tests run in order in one worker. Each test is a
// journey through several browsers and the IdP (the longest about 40 s on an idle machine), so
// they get twice the suite's time limit: on a loaded machine the longest ran out of 120 s at its
// last step.
test.describe.configure({ mode: "default", timeout: 240_000 });

const idps: ChildProcess[] = [];
test.beforeAll(async () => {
  idps.push(await startIdp("oidc"), await startIdp("google"), await startIdp("entra"));
});
test.afterAll(async () => {
  await Promise.all(idps.map(stopIdp));
});

async function freshPage(browser: Browser, clientIp: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": clientIp } });
  return context.newPage();
}

async function startSso(page: Page, slug: string, name: string) {
  await page.goto(`/${slug}/login`);
  await page.getByRole("button", { name: `Sign in with ${name}` }).click();
}

test("OIDC: a new colleague is provisioned at first sign-in; wrong domain, unverified email and a replayed ticket are refused", async ({ page, browser, clientIp }) => {
  const workspace = await signUpWorkspace(page);
  const domain = `${workspace.slug}.test`;
  const id = await setUpConnection(page, workspace.slug, { kind: "oidc", name: "Acme Okta", domains: domain, jit: true }, `it@${domain}`);

  // A new colleague: created as a Sales rep, signed in with a Relay session.
  const ann = await freshPage(browser, clientIp);
  const completions: string[] = [];
  ann.on("request", (request) => {
    if (request.url().includes(`/api/${workspace.slug}/sso/complete?ticket=`)) completions.push(request.url());
  });
  await startSso(ann, workspace.slug, "Acme Okta");
  await idpSignIn(ann, `ann.lee@${domain}`);
  await expect(ann).toHaveURL(`/${workspace.slug}`);
  await expect(ann.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ann Lee");
  await ann.goto(`/${workspace.slug}/security`);
  await expect(ann.getByTestId("sso-accounts")).toContainText("Acme Okta: linked on");
  // No Auth.js session: only the app's session cookie.
  const cookies = await ann.context().cookies();
  expect(cookies.map((c) => c.name).filter((name) => name.includes("authjs.session-token"))).toEqual([]);

  // The ticket carried her over once; the same URL again (another browser, or replayed) is refused.
  expect(completions).toHaveLength(1);
  const thief = await freshPage(browser, clientIp);
  await thief.goto(completions[0]!);
  await expect(thief).toHaveURL(`/${workspace.slug}/login?sso=ticket`);
  await expect(thief.getByTestId("sso-problem-ticket")).toBeVisible();

  // Another domain and an unverified address are refused with their reasons.
  const eve = await freshPage(browser, clientIp);
  await startSso(eve, workspace.slug, "Acme Okta");
  await idpSignIn(eve, "eve@elsewhere.test");
  await expect(eve).toHaveURL(`/${workspace.slug}/login?sso=domain-not-allowed`);
  const bob = await freshPage(browser, clientIp);
  await startSso(bob, workspace.slug, "Acme Okta");
  await idpSignIn(bob, `unverified+bob@${domain}`);
  await expect(bob).toHaveURL(`/${workspace.slug}/login?sso=email-unverified`);

  // The audit log says who came in through SSO and who was refused, and why.
  await page.goto(`/${workspace.slug}/audit`);
  await expect(page.getByText("Ann Lee joined through single sign-on with Acme Okta").first()).toBeVisible();
  await expect(page.getByText("Email domain not allowed").first()).toBeVisible();
  await expect(page.getByText("Email not verified by the provider").first()).toBeVisible();
  await expect(page.getByText("Sign-in ticket already used").first()).toBeVisible();
  void id;
});

test("a disabled connection signs nobody in, even a flow started before it was turned off", async ({ page, browser, clientIp }) => {
  const workspace = await signUpWorkspace(page);
  const domain = `${workspace.slug}.test`;
  const id = await setUpConnection(page, workspace.slug, { kind: "oidc", name: "Acme IdP", domains: domain, jit: true }, `it@${domain}`);

  const cy = await freshPage(browser, clientIp);
  await startSso(cy, workspace.slug, "Acme IdP");
  await expect(cy).toHaveURL(/^http:\/\/127\.0\.0\.1:4400\//);
  // Meanwhile the admin turns it off.
  await page.getByTestId(`sso-toggle-${id}`).click();
  await expect(page.getByTestId(`sso-connection-${id}`)).toContainText("Off ·");
  await idpSignIn(cy, `cy@${domain}`);
  await expect(cy).toHaveURL(`/${workspace.slug}/login?sso=connection-disabled`);
  // And the login page no longer offers it.
  await expect(cy.getByRole("button", { name: "Sign in with Acme IdP" })).toHaveCount(0);
});

test("a callback for workspace A delivered to workspace B's connection is refused", async ({ page, browser, clientIp }) => {
  const a = await signUpWorkspace(page);
  const domain = `${a.slug}.test`;
  const idA = await setUpConnection(page, a.slug, { kind: "oidc", name: "A IdP", domains: domain, jit: true }, `it@${domain}`);
  const adminB = await freshPage(browser, clientIp);
  const b = await signUpWorkspace(adminB);
  const idB = await setUpConnection(adminB, b.slug, { kind: "oidc", name: "B IdP", domains: domain, jit: true }, `it@${domain}`);

  // Mallory starts a sign-in at A and signs in at the IdP, but takes the IdP's redirect back to A
  // (code and state) without following it (the context's request API shares its cookies), then
  // hands it to B's callback.
  const mallory = await freshPage(browser, clientIp);
  await startSso(mallory, a.slug, "A IdP");
  await expect(mallory).toHaveURL(/^http:\/\/127\.0\.0\.1:4400\/interaction\//);
  const action = new URL((await mallory.locator("form").first().getAttribute("action"))!, mallory.url()).toString();
  const login = await mallory.request.post(action, { form: { prompt: "login", login: `mallory@${domain}`, password: "x" }, maxRedirects: 0 });
  const resume = await mallory.request.get(new URL(login.headers()["location"]!, action).toString(), { maxRedirects: 0 });
  const callbackA = resume.headers()["location"]!;
  expect(callbackA).toContain(`/api/auth/callback/sso-${idA}?code=`);
  await mallory.goto(callbackA.replace(`sso-${idA}`, `sso-${idB}`));
  await expect(mallory).toHaveURL(`/${b.slug}/login?sso=failed`);
  await mallory.goto(`/${b.slug}`);
  await expect(mallory).toHaveURL(new RegExp(`/${b.slug}/login`));
});

test("SSO required: password refused for the domain's members once linked, the Owner keeps the password (break-glass)", async ({ page, browser, clientIp }) => {
  const workspace = await signUpWorkspace(page);
  const domain = `${workspace.slug}.test`;
  const id = await setUpConnection(page, workspace.slug, { kind: "oidc", name: "Acme SSO", domains: `${domain}, example.test` }, `it@${domain}`);

  // An existing member of the domain can't be signed in by email alone: they link it themselves.
  const repEmail = `rep@${domain}`;
  const invitation = await inviteMember(page, workspace.slug, { email: repEmail, role: "Sales rep" });
  const rep = await freshPage(browser, clientIp);
  await startSso(rep, workspace.slug, "Acme SSO");
  await idpSignIn(rep, repEmail);
  await expect(rep).toHaveURL(`/${workspace.slug}/login?sso=not-linked`);
  await rep.goto(invitation.link);
  await rep.getByLabel("Your name").fill("Rae Rep");
  await rep.getByLabel("Choose a password").fill(PASSWORD);
  await rep.getByRole("button", { name: "Join workspace" }).click();
  await expect(rep).toHaveURL(`/${workspace.slug}`);
  const repOther = await freshPage(browser, clientIp);
  await startSso(repOther, workspace.slug, "Acme SSO");
  await idpSignIn(repOther, repEmail);
  await expect(repOther).toHaveURL(`/${workspace.slug}/login?sso=link-required`);
  await rep.goto(`/${workspace.slug}/security`);
  // This browser still has its IdP session from the refused attempt, so the IdP answers at once.
  await rep.getByTestId(`sso-link-sso-${id}`).click();
  await expect(rep).toHaveURL(`/${workspace.slug}/security?sso=linked`);
  await expect(rep.getByTestId("sso-accounts")).toContainText("Acme SSO: linked on");

  // Now the admin requires single sign-on for the domains.
  await page.goto(`/${workspace.slug}/settings/sso`);
  await page.getByTestId(`sso-connection-${id}`).getByText("Edit connection").click();
  await page.getByTestId(`sso-edit-${id}`).getByLabel("Require single sign-on for these domains").check();
  await page.getByTestId(`sso-edit-${id}`).getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByTestId(`sso-edit-${id}`).getByRole("status")).toContainText("Connection saved.");

  // The member's password is refused, and typing their address offers the company sign-in, even
  // when it was typed before the page's scripts ran (held back here until the address is in, as
  // on a slow phone or with the browser's autofill).
  const repAgain = await freshPage(browser, clientIp);
  let releaseScripts = () => {};
  const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
  await repAgain.route("**/_next/static/chunks/**", async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await repAgain.goto(`/${workspace.slug}/login`, { waitUntil: "commit" });
  await repAgain.getByLabel("Email or employee number").fill(repEmail);
  await expect(repAgain.getByTestId("sso-offered")).toHaveCount(0);
  releaseScripts();
  await expect(repAgain.getByTestId("sso-offered")).toHaveText(`${domain} signs in with Acme SSO.`);
  await repAgain.unrouteAll();
  await repAgain.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await repAgain.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(repAgain.getByText("Your workspace requires signing in with your company account.")).toBeVisible();
  await expect(repAgain).toHaveURL(new RegExp(`/${workspace.slug}/login`));
  // Through the IdP they get in.
  await repAgain.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  await idpSignIn(repAgain, repEmail);
  await expect(repAgain).toHaveURL(`/${workspace.slug}`);
  await expect(repAgain.getByRole("heading", { level: 1 })).toHaveText("Welcome, Rae Rep");

  // The Owner (example.test is an allowed domain too) still signs in with the password.
  const owner = await freshPage(browser, clientIp);
  await signIn(owner, workspace.slug, workspace.email, workspace.password);
  await expect(owner).toHaveURL(`/${workspace.slug}`);
});

test("Google Workspace: the hd claim must be the hosted domain; Entra ID: the tenant's issuer and directory", async ({ page, browser, clientIp }) => {
  const workspace = await signUpWorkspace(page);
  const domain = `${workspace.slug}.test`;
  await setUpConnection(page, workspace.slug, { kind: "google", name: "Google", domains: domain, hostedDomain: domain, jit: true }, `it@${domain}`);
  await setUpConnection(page, workspace.slug, { kind: "entra", name: "Microsoft", domains: domain, jit: true }, `it@${domain}`);

  const gail = await freshPage(browser, clientIp);
  await startSso(gail, workspace.slug, "Google");
  await idpSignIn(gail, `gail@${domain}`);
  await expect(gail).toHaveURL(`/${workspace.slug}`);
  await expect(gail.getByRole("heading", { level: 1 })).toHaveText("Welcome, Gail");

  // A consumer Google account with an address of the domain carries no hd: refused.
  const gus = await freshPage(browser, clientIp);
  await startSso(gus, workspace.slug, "Google");
  await idpSignIn(gus, `personal+gus@${domain}`);
  await expect(gus).toHaveURL(`/${workspace.slug}/login?sso=hosted-domain`);

  const mo = await freshPage(browser, clientIp);
  await startSso(mo, workspace.slug, "Microsoft");
  await idpSignIn(mo, `mo@${domain}`);
  await expect(mo).toHaveURL(`/${workspace.slug}`);
  await expect(mo.getByRole("heading", { level: 1 })).toHaveText("Welcome, Mo");

  // An account of another directory (its token's tid) is refused.
  const max = await freshPage(browser, clientIp);
  await startSso(max, workspace.slug, "Microsoft");
  await idpSignIn(max, `personal+max@${domain}`);
  await expect(max).toHaveURL(`/${workspace.slug}/login?sso=directory`);
});
