import { expect, test } from "./support/test";

// The mailbox page lists every email template in both languages; a preview shows one on sample
// data as a mail client would (the HTML, in a sandboxed frame) and as its plain-text part.

test("the mailbox lists every template in both languages and shows one as HTML and text", async ({ page, request }) => {
  await page.goto("/dev/mailbox");
  const previews = page.getByTestId("email-previews");
  await expect(previews.getByRole("rowheader")).toHaveCount(11);
  const signInLinkRow = previews.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "sign-in-link", exact: true }) });
  await expect(signInLinkRow.getByRole("link")).toHaveText(["English", "简体中文"]);

  await signInLinkRow.getByRole("link", { name: "简体中文" }).click();
  await expect(page).toHaveURL("/dev/mailbox/preview/sign-in-link/zh-CN");
  await expect(page.getByTestId("preview-subject")).toHaveText("您的「远航科技」登录链接");

  const email = page.frameLocator('[data-testid="preview-html"]');
  await expect(email.getByRole("heading", { level: 1 })).toHaveText("您的「远航科技」登录链接");
  await expect(email.getByRole("link", { name: "登录「远航科技」" })).toHaveAttribute("href", "https://relay.example/acme/login/link/sample-sign-in-token");
  await expect(email.getByText("此邮件由 Relay CRM 发送。")).toBeVisible();

  const text = page.getByTestId("preview-text");
  await expect(text).toContainText("打开以下链接即可登录：\nhttps://relay.example/acme/login/link/sample-sign-in-token");
  await expect(text).not.toContainText("emails.");

  // The HTML on its own, as a mail client receives it.
  const html = await request.get("/dev/mailbox/preview/sign-in-link/zh-CN/html");
  expect(html.status()).toBe(200);
  expect(html.headers()["content-type"]).toContain("text/html");
  expect(await html.text()).toMatch(/<html [^>]*lang="zh-CN"/);

  // Anything that is not a template and a language is not found.
  expect((await request.get("/dev/mailbox/preview/no-such-template/en")).status()).toBe(404);
  expect((await request.get("/dev/mailbox/preview/sign-in-link/fr")).status()).toBe(404);
});
