import { expect, test } from "./support/test";
import { openAccountMenu, signIn, signUpWorkspace } from "./support/workspace";

// English and Simplified Chinese: picked from the browser's Accept-Language, switchable on every
// page, and remembered on the member's account.

test("a browser that prefers Chinese gets the public pages in Chinese", async ({ page, browser }) => {
  const workspace = await signUpWorkspace(page);

  const context = await browser.newContext({ locale: "zh-CN" });
  const zh = await context.newPage();

  await zh.goto("/signup");
  await expect(zh.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(zh.getByRole("heading", { level: 1 })).toHaveText("创建工作区");
  await expect(zh.getByLabel("公司名称")).toBeVisible();
  await expect(zh.getByRole("button", { name: "创建工作区" })).toBeVisible();

  await zh.goto("/login");
  await expect(zh.getByRole("heading", { level: 1 })).toHaveText("查找您的工作区");
  await expect(zh.getByRole("button", { name: "把登录链接发给我" })).toBeVisible();

  await zh.goto(`/${workspace.slug}/login`);
  await expect(zh.getByRole("heading", { level: 1 })).toHaveText(`登录 ${workspace.companyName}`);
  await expect(zh.getByLabel("邮箱或工号")).toBeVisible();
  await expect(zh.getByRole("button", { name: "登录", exact: true })).toBeVisible();

  // Error messages are translated too.
  await zh.getByLabel("邮箱或工号").fill(workspace.email);
  await zh.getByLabel("密码", { exact: true }).fill("not the password");
  await zh.getByRole("button", { name: "登录", exact: true }).click();
  await expect(zh.getByRole("alert").filter({ hasText: "用户名和密码不匹配" })).toBeVisible();

  await zh.goto("/no-such-workspace-here");
  await expect(zh.getByRole("heading", { level: 1 })).toHaveText("页面不存在");

  await context.close();
});

test("the language switcher turns an English page Chinese and back", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find your workspace");

  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("查找您的工作区");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByLabel("语言")).toHaveValue("zh-CN");

  // The choice sticks for the next page, although the browser still asks for English.
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("创建工作区");

  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your workspace");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your workspace");
});

test("a member's language is remembered on their account across sign-out and sign-in", async ({ page, browser }) => {
  const workspace = await signUpWorkspace(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${workspace.ownerName}`);

  await openAccountMenu(page, workspace.ownerName);
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`欢迎，${workspace.ownerName}`);
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "成员" })).toBeVisible();

  // Sign out in Chinese.
  await page.goto(`/${workspace.slug}`);
  await openAccountMenu(page, workspace.ownerName, `${workspace.ownerName} 的账户菜单`);
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(`/${workspace.slug}/login?reason=signed-out`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`登录 ${workspace.companyName}`);
  await expect(page.getByText("您已退出登录。")).toBeVisible();

  // A different browser, English and without the language cookie: after sign-in the member's
  // own choice wins.
  const context = await browser.newContext({ locale: "en-US" });
  const other = await context.newPage();
  await signIn(other, workspace.slug, workspace.email, workspace.password);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(`欢迎，${workspace.ownerName}`);
  await expect(other.locator("html")).toHaveAttribute("lang", "zh-CN");
  await other.goto(`/${workspace.slug}/profile`);
  // The profile form's language select (the header's switcher is in the closed account menu).
  await expect(other.getByRole("main").getByLabel("语言", { exact: true })).toHaveValue("zh-CN");
  await context.close();
});
