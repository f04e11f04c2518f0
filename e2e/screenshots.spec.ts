import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { emailFor, fillSignUpForm, inviteMember, newWorkspace, PASSWORD, signUpWorkspace } from "./support/workspace";

// A picture of every page of the foundation journey, for people to look at: desktop (1280×800)
// and phone (390×844) width — one per Playwright project — each in light and dark, in English,
// plus the login and home pages in Chinese. Saved as screenshots/<project>-<scheme>-<nn>-<page>.png
// (the folder is gitignored). The assertions only make sure each picture shows the intended page.

const DIR = "screenshots";
const SCHEMES = ["light", "dark"] as const;

test("screenshot tour", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  mkdirSync(DIR, { recursive: true });
  let n = 0;
  // Each page is photographed in both colour schemes, from the same state.
  const shoot = async (target: Page, name: string) => {
    n += 1;
    for (const scheme of SCHEMES) {
      await target.emulateMedia({ colorScheme: scheme });
      await target.evaluate(() => document.fonts.ready);
      await target.screenshot({
        path: `${DIR}/${testInfo.project.name}-${scheme}-${String(n).padStart(2, "0")}-${name}.png`,
        fullPage: true,
        animations: "disabled",
        caret: "hide",
      });
    }
    await target.emulateMedia({ colorScheme: "light" });
  };
  const newPage = async (options: { locale?: string } = {}) => {
    const context = await browser.newContext(options);
    return context.newPage();
  };

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A CRM your security team will sign off on");
  await shoot(page, "landing");

  const workspace = newWorkspace({ companyName: "Northwind Traders", ownerName: "Olivia Owner" });
  await page.goto("/signup");
  await fillSignUpForm(page, { ...workspace, email: "olivia@", password: "short" });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.locator("#password-problems")).toContainText("Use at least 15 characters.");
  await shoot(page, "signup-errors");

  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find your workspace");
  await shoot(page, "find-workspace");

  await signUpWorkspace(page, workspace);
  const { slug } = workspace;

  const visitor = await newPage();
  await visitor.goto(`/${slug}/login`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`Sign in to ${workspace.companyName}`);
  await shoot(visitor, "workspace-login");
  await visitor.getByLabel("Email or employee number").fill(workspace.email);
  await visitor.getByLabel("Password", { exact: true }).fill("not the password");
  await visitor.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(visitor.getByRole("alert").filter({ hasText: "don't match" })).toBeVisible();
  await shoot(visitor, "workspace-login-error");

  // One member who joined, one invitation still open.
  const mia = await inviteMember(page, slug, { email: emailFor("mia", slug), role: "Manager", employeeNumber: "E1001" });
  const invitee = await newPage();
  await invitee.goto(mia.link);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(`Join ${workspace.companyName}`);
  await invitee.getByLabel("Your name").fill("Mia Manager");
  await invitee.getByLabel("Choose a password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Join workspace" }).click();
  await expect(invitee).toHaveURL(`/${slug}`);
  const ravi = await inviteMember(page, slug, { email: emailFor("ravi", slug), role: "Sales rep" });

  await page.goto(`/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Olivia Owner");
  await shoot(page, "home");
  await page.getByLabel("Account menu for Olivia Owner").click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await shoot(page, "home-account-menu");

  await page.goto(`/${slug}/members`);
  await expect(page.getByTestId(`member-${mia.email}`)).toBeVisible();
  await expect(page.getByTestId(`invitation-${ravi.email}`)).toBeVisible();
  await shoot(page, "members");
  await page.getByLabel("Email", { exact: true }).fill(mia.email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("This person is already a member of the workspace.")).toBeVisible();
  await shoot(page, "members-invite-error");

  await page.goto(`/${slug}/profile`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Profile");
  await shoot(page, "profile");

  const stranger = await newPage();
  await stranger.goto(ravi.link);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText(`Join ${workspace.companyName}`);
  await shoot(stranger, "invitation-accept");
  await stranger.goto(mia.link);
  await expect(stranger.getByTestId("invitation-used")).toBeVisible();
  await shoot(stranger, "invitation-used");

  await stranger.goto(`/dev/mailbox?to=${encodeURIComponent(ravi.email)}`);
  await expect(stranger.getByTestId("mailbox-message")).toHaveCount(1);
  await shoot(stranger, "mailbox");

  const missing = await stranger.goto(`/${slug}-does-not-exist`);
  expect(missing?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await shoot(stranger, "not-found");

  // Chinese: the login page for a browser that asks for it, the home page for a member who chose it.
  const zhVisitor = await newPage({ locale: "zh-CN" });
  await zhVisitor.goto(`/${slug}/login`);
  await expect(zhVisitor.getByRole("heading", { level: 1 })).toHaveText(`登录 ${workspace.companyName}`);
  await shoot(zhVisitor, "zh-workspace-login");
  await page.context().addCookies([{ name: "relay_locale", value: "zh-CN", url: "http://localhost:3100" }]);
  await page.goto(`/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("欢迎，Olivia Owner");
  await shoot(page, "zh-home");

  for (const other of [visitor, invitee, stranger, zhVisitor]) await other.context().close();
});
