import type { Page } from "@playwright/test";
import { solveCaptcha } from "./support/captcha";
import { expect, test } from "./support/test";
import { fillSignUpForm, inviteMember, newWorkspace, openAccountMenu, signUpWorkspace, uniqueSlug, emailFor } from "./support/workspace";

// What an attacker (or a curious member of another workspace) sees.

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

test("pages carry a nonce-based CSP that forbids framing and inline scripts", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  const response = await page.goto("/signup");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp, "content-security-policy header").toBeTruthy();
  const policy = directives(csp);
  const scriptSrc = policy.get("script-src") ?? [];
  expect(scriptSrc.some((value) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(value)), `script-src ${scriptSrc.join(" ")}`).toBe(true);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-powered-by"]).toBeUndefined();

  // The page still works under that policy: it hydrates (the client-side check answers) and
  // nothing was blocked.
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Enter your company's name.")).toBeVisible();
  expect(violations).toEqual([]);

  // Every response has its own nonce, and the page's scripts carry it.
  const first = await request.get("/login");
  const second = await request.get("/login");
  const nonceOf = (value: string) => /'nonce-([^']+)'/.exec(value)?.[1];
  const nonce = nonceOf(first.headers()["content-security-policy"]);
  expect(nonce).toBeTruthy();
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
  const html = await first.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag, "every <script> has the response's nonce").toContain(`nonce="${nonce}"`);
});

test("state-changing requests from another origin are refused", async ({ request }) => {
  const form = { companyName: "Evil Corp", slug: uniqueSlug("evil"), ownerName: "Eve", email: "eve@evil.example", password: "x".repeat(16) };
  const refused = await request.post("/signup", { headers: { Origin: "https://evil.example" }, form });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Cross-origin request refused");

  // Without an Origin header, the browser's Sec-Fetch-Site gives a cross-site request away.
  const crossSite = await request.post("/signup", { headers: { "Sec-Fetch-Site": "cross-site" }, form });
  expect(crossSite.status()).toBe(403);

  // The same request from the app's own origin is not refused by that check.
  const sameOrigin = await request.post("/signup", { headers: { Origin: "http://localhost:3100" }, form });
  expect(sameOrigin.status()).not.toBe(403);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  const workspace = await signUpWorkspace(page);
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name === "relay_session");
  expect(session, `cookies: ${cookies.map((c) => c.name).join(", ")}`).toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(session!.path).toBe("/");
  expect(session!.value.length).toBeGreaterThanOrEqual(40);
  // Scripts on the page cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("relay_session");
  // Signing out clears it.
  await page.goto(`/${workspace.slug}`);
  await openAccountMenu(page, workspace.ownerName);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`/${workspace.slug}/login?reason=signed-out`);
  expect((await context.cookies()).find((cookie) => cookie.name === "relay_session")).toBeUndefined();
});

test("/api/health reports ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
});

test("a session of workspace A opens nothing of workspace B", async ({ browser }) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const pageA = await contextA.newPage();
  const pageB = await contextB.newPage();
  const a = await signUpWorkspace(pageA);
  const b = await signUpWorkspace(pageB, { ownerName: "Bob Boss" });
  const bInvitee = emailFor("bianca", b.slug);
  const bInvitation = await inviteMember(pageB, b.slug, { email: bInvitee, role: "Sales rep" });

  // A's session on B's pages: B's login page, none of B's data.
  for (const path of [`/${b.slug}/members`, `/${b.slug}`, `/${b.slug}/profile`]) {
    await pageA.goto(path);
    await expect(pageA, `A's session on ${path}`).toHaveURL(new RegExp(`^http://localhost:3100/${b.slug}/login`));
    await expect(pageA.getByRole("heading", { level: 1 })).toHaveText(`Sign in to ${b.companyName}`);
    await expect(pageA.locator("body")).not.toContainText(b.email);
    await expect(pageA.locator("body")).not.toContainText(bInvitee);
  }
  // The same over plain HTTP with A's cookie: no page of B's data in any response body.
  for (const path of [`/${b.slug}/members`, `/${b.slug}`]) {
    const response = await pageA.request.get(path);
    const body = await response.text();
    expect(body).not.toContain(b.email);
    expect(body).not.toContain(bInvitee);
    expect(body).not.toContain("Bob Boss");
  }
  // A is still signed in to A.
  await pageA.goto(`/${a.slug}/members`);
  await expect(pageA).toHaveURL(`/${a.slug}/members`);
  await expect(pageA.getByTestId(`member-${a.email}`)).toBeVisible();
  await expect(pageA.getByTestId(`member-${b.email}`)).toHaveCount(0);

  // B's invitation token is only good under B's address.
  const token = bInvitation.link.split("/invite/")[1];
  await pageA.goto(`/${a.slug}/invite/${token}`);
  await expect(pageA.getByTestId("invitation-unknown")).toBeVisible();
  await expect(pageA.getByRole("heading", { level: 1 })).toHaveText("This invitation link isn't valid");
  await expect(pageA.getByLabel("Choose a password")).toHaveCount(0);
  await expect(pageA.locator("body")).not.toContainText(b.companyName);
  // …where it still works (looking at it under A's address did not use it up).
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(bInvitation.link);
  await expect(strangerPage.getByRole("heading", { level: 1 })).toHaveText(`Join ${b.companyName}`);

  await Promise.all([contextA.close(), contextB.close(), stranger.close()]);
});

test("an unknown workspace address is a 404", async ({ page }) => {
  const slug = uniqueSlug("nobody");
  for (const path of [`/${slug}`, `/${slug}/login`, `/${slug}/members`, `/${slug}/invite/abcdef`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
});

async function expectSlugFree(page: Page, slug: string) {
  const response = await page.request.get(`/${slug}/login`);
  expect(response.status(), `/${slug}/login should not exist yet`).toBe(404);
}

test("signing up with a taken address suggests a free one and keeps what was typed", async ({ page, browser }) => {
  const taken = await signUpWorkspace(page);
  const context = await browser.newContext();
  const visitor = await context.newPage();
  const attempt = newWorkspace({ slug: taken.slug, companyName: "Second Company", ownerName: "Sam Second", email: emailFor("sam", taken.slug) });

  await visitor.goto("/signup");
  await fillSignUpForm(visitor, attempt);
  await solveCaptcha(visitor);
  await visitor.getByRole("button", { name: "Create workspace" }).click();
  const suggestion = `${taken.slug}-2`;
  await expect(visitor.getByText(`${taken.slug} is already taken. ${suggestion} is free.`)).toBeVisible();
  await expect(visitor).toHaveURL("/signup");
  await expect(visitor.getByLabel("Workspace address")).toHaveAttribute("aria-invalid", "true");
  await expect(visitor.getByLabel("Company name")).toHaveValue("Second Company");
  await expect(visitor.getByLabel("Your name")).toHaveValue("Sam Second");
  await expect(visitor.getByLabel("Work email")).toHaveValue(attempt.email);

  await visitor.getByRole("button", { name: `Use ${suggestion}` }).click();
  await expect(visitor.getByLabel("Workspace address")).toHaveValue(suggestion);
  // A captcha solution is good once: the first attempt used it.
  await solveCaptcha(visitor);
  await visitor.getByRole("button", { name: "Create workspace" }).click();
  await expect(visitor).toHaveURL(`/${suggestion}`);
  await expect(visitor.getByTestId("workspace-name")).toHaveText("Second Company");

  // The first workspace is untouched: still its own name, and the newcomer is not a member there.
  await visitor.goto(`/${taken.slug}/login`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`Sign in to ${taken.companyName}`);
  await visitor.getByLabel("Email or employee number").fill(attempt.email);
  await visitor.getByLabel("Password", { exact: true }).fill(attempt.password);
  await visitor.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(visitor.getByRole("alert").filter({ hasText: "don't match" })).toBeVisible();
  await context.close();
});

test("an invalid email and a short password are both reported and nothing is created", async ({ page }) => {
  const workspace = newWorkspace();
  await page.goto("/signup");
  await fillSignUpForm(page, { ...workspace, email: "not-an-email", password: "short" });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Enter an email address like name@company.com.")).toBeVisible();
  await expect(page.getByTestId("password-problems")).toContainText("Use at least 15 characters.");
  await expect(page.getByRole("alert").filter({ hasText: "Please correct the 2 highlighted fields." })).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Work email")).toBeFocused();
  await expect(page).toHaveURL("/signup");
  await expectSlugFree(page, workspace.slug);

  // Corrected, the same form creates the workspace at that (still free) address.
  await page.getByLabel("Work email").fill(workspace.email);
  await page.getByLabel("Password", { exact: true }).fill(workspace.password);
  await solveCaptcha(page);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(`/${workspace.slug}`);
  await expect(page.getByTestId("workspace-name")).toHaveText(workspace.companyName);
});

test("without JavaScript the server rejects the same invalid sign-up", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const workspace = newWorkspace();
  await page.goto("/signup");
  await fillSignUpForm(page, { ...workspace, email: "not-an-email", password: "short" });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Enter an email address like name@company.com.")).toBeVisible();
  await expect(page.getByTestId("password-problems")).toContainText("Use at least 15 characters.");
  await expect(page.getByLabel("Company name")).toHaveValue(workspace.companyName);
  await expectSlugFree(page, workspace.slug);
  await context.close();
});
