import { expect, test } from "../support/test";
import { camera, newVisitor } from "../support/screenshots";
import { readLatestEmail } from "../support/mailbox";
import { signOut, signUpWorkspace } from "../support/workspace";

// Pictures of the passkey and sign-in-link pages, for people to look at: the login page with the
// passkey button and the link form, "Check your email", the link's landing page, the security
// page's passkey section and the home page's passkey offer (e2e/support/screenshots.ts says how
// and where).

test("passkeys and sign-in links screenshot tour", async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const shoot = camera(testInfo, "passkeys");

  const workspace = await signUpWorkspace(page, { companyName: "Northwind Traders", ownerName: "Olivia Owner" });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  await page.reload();
  await expect(page.getByTestId("passkey-offer")).toBeVisible();
  await shoot(page, "home-offer");

  await page.goto(`/${workspace.slug}/security`);
  const section = page.getByTestId("passkeys-section");
  await section.getByLabel("Passkey name").fill("Work laptop");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByTestId("passkey-name")).toHaveText(["Work laptop"]);
  await section.getByText("Delete", { exact: true }).click();
  await section.scrollIntoViewIfNeeded();
  await shoot(page, "security-section");

  await signOut(page, workspace.ownerName);
  // A fresh page without the virtual authenticator, so autofill doesn't sign in on its own.
  const visitor = await newVisitor(browser);
  await visitor.goto(`/${workspace.slug}/login`);
  await expect(visitor.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
  await visitor.getByText("Email me a sign-in link").click();
  await expect(visitor.getByLabel("Send the link to")).toBeVisible();
  await shoot(visitor, "login");

  await visitor.getByLabel("Send the link to").fill(workspace.email);
  await visitor.getByRole("button", { name: "Send me a link" }).click();
  await expect(visitor.getByTestId("link-sent")).toBeVisible();
  await shoot(visitor, "link-sent");

  const email = await readLatestEmail(visitor, workspace.email);
  const link = email.links.find((url) => url.includes(`/${workspace.slug}/login/link/`))!;
  const linkPage = await visitor.context().newPage();
  await linkPage.goto(link);
  await expect(linkPage.getByRole("button", { name: `Sign in to ${workspace.companyName}` })).toBeVisible();
  await shoot(linkPage, "link-page");

  await linkPage.goto(`${link.slice(0, -4)}abcd`);
  await expect(linkPage.getByTestId("sign-in-link-unknown")).toBeVisible();
  await shoot(linkPage, "link-unknown");
  await visitor.context().close();
});
