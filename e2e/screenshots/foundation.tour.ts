import { expect, test } from "../support/test";
import { camera, chooseLanguage, newVisitor } from "../support/screenshots";
import { emailFor, fillSignUpForm, inviteMember, newWorkspace, openAccountMenu, PASSWORD, signUpWorkspace } from "../support/workspace";

// A picture of every page of the foundation journey (e2e/support/screenshots.ts says how and where),
// in English, plus the login and home pages in Chinese.

test("foundation screenshot tour", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "foundation");

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A CRM your security team will sign off on");
  await shoot(page, "landing");

  const workspace = newWorkspace({ companyName: "Northwind Traders", ownerName: "Olivia Owner" });
  await page.goto("/signup");
  await fillSignUpForm(page, { ...workspace, email: "olivia@", password: "short" });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByTestId("password-problems")).toContainText("Use at least 15 characters.");
  await shoot(page, "signup-errors");

  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find your workspace");
  await shoot(page, "find-workspace");

  await signUpWorkspace(page, workspace);
  const { slug } = workspace;

  const visitor = await newVisitor(browser);
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
  const invitee = await newVisitor(browser);
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
  await openAccountMenu(page, "Olivia Owner");
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

  const stranger = await newVisitor(browser);
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
  const zhVisitor = await newVisitor(browser, { locale: "zh-CN" });
  await zhVisitor.goto(`/${slug}/login`);
  await expect(zhVisitor.getByRole("heading", { level: 1 })).toHaveText(`登录 ${workspace.companyName}`);
  await shoot(zhVisitor, "zh-workspace-login");
  await chooseLanguage(page, "zh-CN");
  await page.goto(`/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("欢迎，Olivia Owner");
  await shoot(page, "zh-home");

  for (const other of [visitor, invitee, stranger, zhVisitor]) await other.context().close();
});
