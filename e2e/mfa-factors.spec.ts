import type { Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { emailFor, inviteMember, PASSWORD, signUpWorkspace } from "./support/workspace";
import { totpCode, wrongTotpCode } from "./support/totp";
import { readLatestSmsCode, uniqueMobile } from "./support/sms";

// A member's second factors on their own security page: an authenticator app set up from the QR
// code's key (the code computed here the way an app does), recovery codes shown once, and a phone
// verified with the code read from the SMS outbox on /dev/mailbox. Every step is also audited.

async function joinAsSalesRep(owner: Page, slug: string, name: string): Promise<Page> {
  const invitation = await inviteMember(owner, slug, { email: emailFor(name.toLowerCase().split(" ")[0]!, slug), role: "Sales rep" });
  const context = await owner.context().browser()!.newContext({ extraHTTPHeaders: { "X-Forwarded-For": testClientIp() } });
  const member = await context.newPage();
  await member.goto(invitation.link);
  await member.getByLabel("Your name").fill(name);
  await member.getByLabel("Choose a password").fill(PASSWORD);
  await member.getByRole("button", { name: "Join workspace" }).click();
  await expect(member).toHaveURL(`/${slug}`);
  return member;
}

function totpSection(page: Page) {
  return page.getByRole("region", { name: /^Authenticator app/ });
}

function phoneSection(page: Page) {
  return page.getByRole("region", { name: /^Phone \(SMS\)/ });
}

test("a member sets up an authenticator app, saves the recovery codes, and turns it off again", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  const member = await joinAsSalesRep(page, workspace.slug, "Sam Seller");

  await member.goto(`/${workspace.slug}/security`);
  await expect(member.getByRole("heading", { level: 2, name: "Two-step verification" })).toBeVisible();
  const section = totpSection(member);
  const heading = section.getByRole("heading", { level: 3, name: /^Authenticator app/ });
  await expect(heading).toContainText("Off");
  await section.getByRole("button", { name: "Set up authenticator app" }).click();

  await expect(section.getByRole("img", { name: `QR code to add ${emailFor("sam", workspace.slug)} to an authenticator app` })).toBeVisible();
  const key = ((await section.getByTestId("totp-key").textContent()) ?? "").replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code is refused and says why; nothing is switched on.
  const codeField = section.getByLabel("Code from the app");
  await codeField.fill(wrongTotpCode(key));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByText("That code isn't right.")).toBeVisible();
  await expect(codeField).toHaveAttribute("aria-invalid", "true");

  // Letters are caught in the browser before anything is sent.
  await codeField.fill("12ab56");
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByText("The code is 6 digits, e.g. 123 456.")).toBeVisible();

  await codeField.fill(totpCode(key));
  await section.getByRole("button", { name: "Turn on" }).click();

  const panel = member.getByTestId("recovery-codes-panel");
  await expect(panel.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  await expect(panel.getByRole("status")).toHaveText("Authenticator app turned on.");
  // The page is not refreshed while the codes are shown (that would lose them), yet the app is on.
  await expect(heading).not.toContainText("Off");
  const codes = await panel.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code.trim()).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
  const download = panel.getByRole("link", { name: "Download (.txt)" });
  await expect(download).toHaveAttribute("download", "relay-crm-recovery-codes.txt");
  expect(decodeURIComponent((await download.getAttribute("href")) ?? "")).toContain(codes[0]!.trim());

  await panel.getByRole("link", { name: "I've saved them" }).click();
  await expect(panel).toBeHidden();
  await expect(section.getByTestId("totp-status")).toContainText("On since");
  // The confirming code counts as a use (it can't be used again at sign-in).
  await expect(section.getByTestId("totp-status")).toContainText("Last used");
  await expect(section.getByTestId("recovery-codes-left")).toHaveText("10 unused codes left");

  // The codes are not shown again after a reload.
  await member.reload();
  await expect(member.getByText(codes[0]!.trim())).toHaveCount(0);

  // Just signed in, so no re-verification is needed to turn it off.
  await section.getByRole("button", { name: "Turn off authenticator app" }).click();
  await expect(section.getByRole("button", { name: "Set up authenticator app" })).toBeVisible();

  // The owner sees both events, translated, in the audit log.
  await page.goto(`/${workspace.slug}/audit`);
  const table = page.getByTestId("audit-table");
  await expect(table.getByRole("row").filter({ hasText: "Authenticator app turned on" }).filter({ hasText: "Sam Seller" })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: "Authenticator app turned off" })).toHaveCount(1);
  await member.context().close();
});

test("a member verifies a phone with the texted code, then removes it", async ({ page }) => {
  test.setTimeout(180_000);
  const workspace = await signUpWorkspace(page);
  await page.goto(`/${workspace.slug}/security`);
  const section = phoneSection(page);
  const numberField = section.getByLabel("Mobile number");

  // A malformed number and a landline are refused with a specific message; what was typed stays.
  await numberField.fill("12345");
  await section.getByRole("button", { name: "Text me a code" }).click();
  await expect(section.getByText("That isn't a valid phone number.")).toBeVisible();
  await expect(numberField).toHaveValue("12345");
  await numberField.fill("+44 20 7946 0958");
  await section.getByRole("button", { name: "Text me a code" }).click();
  await expect(section.getByText("That looks like a landline.")).toBeVisible();

  const mobile = uniqueMobile();
  await numberField.fill(mobile.typed);
  await section.getByRole("button", { name: "Text me a code" }).click();
  await expect(section.getByText(`We texted a 6-digit code to ${mobile.typed}.`)).toBeVisible();
  // Another code can't be asked for straight away.
  await expect(section.getByRole("button", { name: /^Send a new code in \d+ s$/ })).toBeDisabled();

  const { code, body } = await readLatestSmsCode(page, mobile.e164);
  expect(body).toContain(workspace.companyName);
  expect(body).toContain("Don't share this code");

  const codeField = section.getByLabel("Code from the text message");
  await codeField.fill(String((Number(code) + 1) % 1_000_000).padStart(6, "0"));
  await section.getByRole("button", { name: "Verify number" }).click();
  await expect(section.getByText("That code isn't right. Check the latest text message.")).toBeVisible();

  await codeField.fill(code);
  await section.getByRole("button", { name: "Verify number" }).click();
  // The phone is this member's first second factor: recovery codes come with it, shown once.
  const panel = page.getByTestId("recovery-codes-panel");
  await expect(panel.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await panel.getByRole("link", { name: "I've saved them" }).click();
  await expect(section.getByTestId("phone-status")).toContainText(mobile.typed);
  await expect(section.getByTestId("phone-status")).toContainText("Verified");

  await section.getByRole("button", { name: "Remove phone" }).click();
  await expect(section.getByLabel("Mobile number")).toBeVisible();

  await page.goto(`/${workspace.slug}/audit`);
  const table = page.getByTestId("audit-table");
  await expect(table.getByRole("row").filter({ hasText: "Phone verified for SMS codes" })).toContainText("+86 138 **** ");
  await expect(table.getByRole("row").filter({ hasText: "Phone removed" })).toHaveCount(1);
});
