import { expect, test } from "../support/test";
import { camera, newVisitor } from "../support/screenshots";
import { signUpWorkspace } from "../support/workspace";
import { totpCode } from "../support/totp";
import { readLatestSmsCode, uniqueMobile } from "../support/sms";

// Pictures of the second-factor section of the security page and the SMS outbox, for people to
// look at, in English and Chinese (e2e/support/screenshots.ts says how and where).

test("second factors screenshot tour", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "mfa");

  const workspace = await signUpWorkspace(page, { companyName: "Northwind Traders", ownerName: "Olivia Owner" });
  const security = `/${workspace.slug}/security`;
  await page.goto(security);
  const mfa = page.getByTestId("mfa-section");
  await expect(mfa.getByRole("heading", { level: 2, name: "Two-step verification" })).toBeVisible();
  await mfa.scrollIntoViewIfNeeded();
  await shoot(page, "security-off");

  await mfa.getByRole("button", { name: "Set up authenticator app" }).click();
  const key = ((await mfa.getByTestId("totp-key").textContent()) ?? "").replace(/\s/g, "");
  await mfa.getByLabel("Code from the app").fill("12ab56");
  await mfa.getByRole("button", { name: "Turn on" }).click();
  await expect(mfa.getByText("The code is 6 digits")).toBeVisible();
  await shoot(page, "totp-setup-error");

  await mfa.getByLabel("Code from the app").fill(totpCode(key));
  await mfa.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  await shoot(page, "recovery-codes");
  await page.getByRole("link", { name: "I've saved them" }).click();
  await expect(mfa.getByTestId("totp-status")).toBeVisible();

  const mobile = uniqueMobile();
  await mfa.getByLabel("Mobile number").fill(mobile.typed);
  await mfa.getByRole("button", { name: "Text me a code" }).click();
  await expect(mfa.getByLabel("Code from the text message")).toBeVisible();
  await shoot(page, "phone-code");

  const { code } = await readLatestSmsCode(page, mobile.e164);
  const mailbox = await page.context().newPage();
  await mailbox.goto(`/dev/mailbox?phone=${encodeURIComponent(mobile.e164)}`);
  await mailbox.getByRole("heading", { name: "Text messages (SMS)" }).scrollIntoViewIfNeeded();
  await shoot(mailbox, "mailbox-sms");
  await mailbox.close();

  await mfa.getByLabel("Code from the text message").fill(code);
  await mfa.getByRole("button", { name: "Verify number" }).click();
  await expect(mfa.getByTestId("phone-status")).toContainText("Verified");
  await shoot(page, "security-on");

  // The same page in Chinese, for a member whose browser asks for it.
  const zh = await newVisitor(browser, { locale: "zh-CN", storageState: await page.context().storageState() });
  await zh.goto(security);
  await expect(zh.getByRole("heading", { level: 2, name: "两步验证" })).toBeVisible();
  await shoot(zh, "security-zh");
  await zh.context().close();
});
