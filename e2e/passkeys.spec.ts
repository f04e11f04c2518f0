import type { CDPSession, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signOut, signUpWorkspace } from "./support/workspace";

// Passkeys end to end in Chromium with its virtual authenticator (a platform authenticator with
// user verification, like Touch ID or Windows Hello): add one on the security page, sign out,
// sign in with the button, sign out, sign in through passkey autofill on the username field,
// then rename and delete it. Another workspace's login page doesn't accept it.

async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

/** The passkey sign-in requests the page makes, in order ("options", "verify"). */
function watchPasskeyRequests(page: Page): string[] {
  const events: string[] = [];
  page.on("request", (request) => {
    const match = request.method() === "POST" ? /\/passkeys\/sign-in\/(options|verify)$/.exec(request.url()) : null;
    if (match) events.push(match[1]!);
  });
  return events;
}

test("a member adds a passkey, signs in with it by button and by autofill, renames and deletes it", async ({ page }) => {
  const workspace = await signUpWorkspace(page);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);

  // The home page offers a passkey (this browser has a built-in authenticator); "Not now" sticks.
  await page.reload();
  const offer = page.getByTestId("passkey-offer");
  await expect(offer.getByRole("heading", { name: "Sign in faster next time with your fingerprint or face" })).toBeVisible();
  await offer.getByRole("button", { name: "Not now" }).click();
  await expect(offer).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("passkey-offer")).toBeHidden();

  // Add one on the security page.
  await page.goto(`/${workspace.slug}/security`);
  const section = page.getByTestId("passkeys-section");
  await expect(section.getByText("You don't have a passkey yet.")).toBeVisible();
  const name = section.getByLabel("Passkey name");
  await expect(name).not.toHaveValue("");
  await name.fill("Test laptop");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toContainText("Passkey “Test laptop” added.");
  await expect(section.getByTestId("passkey-name")).toHaveText(["Test laptop"]);
  await expect(section.getByTestId("passkey-row")).toContainText("Not used yet");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);

  // Chromium's virtual authenticator answers the login page's autofill (conditional) request by
  // itself whenever it simulates the user's presence. Presence is switched off while signing out
  // and loading the login page, so the autofill request waits as it would for a person.
  const presence = (enabled: boolean) => cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled });
  const events = watchPasskeyRequests(page);

  // Sign out, then in with the button (which aborts the waiting autofill request). Chromium's
  // virtual authenticator answers the autofill request at once while it simulates presence, so
  // here the autofill's options request is held unanswered (as if the person never picked from
  // the list) and the button's own request goes through. about:blank between pages makes sure no
  // request of the signed-out page is still waiting when presence is switched back on.
  await presence(false);
  await signOut(page, workspace.ownerName);
  await page.goto("about:blank");
  await presence(true);
  let autofillHeld = false;
  await page.route(/\/passkeys\/sign-in\/options$/, async (route) => {
    if (!autofillHeld) {
      autofillHeld = true;
      return;
    }
    await route.continue();
  });
  events.length = 0;
  await page.goto(`/${workspace.slug}/login`);
  await expect.poll(() => events.filter((e) => e === "options").length).toBe(1);
  events.length = 0;
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(`/${workspace.slug}`);
  await expect(page.getByTestId("workspace-name")).toHaveText(workspace.companyName);
  expect(events.slice(0, 2)).toEqual(["options", "verify"]);
  await page.unroute(/\/passkeys\/sign-in\/options$/);

  // Sign out, then in through autofill alone: the login page's conditional request, no button.
  await presence(false);
  await signOut(page, workspace.ownerName);
  await page.goto("about:blank");
  await presence(true);
  events.length = 0;
  await page.goto(`/${workspace.slug}/login`);
  await expect(page).toHaveURL(`/${workspace.slug}`);
  expect(events).toEqual(["options", "verify"]);

  // The security page shows it was used; rename it.
  await page.goto(`/${workspace.slug}/security`);
  await expect(section.getByTestId("passkey-row")).toContainText("Last used");
  await section.getByText("Rename", { exact: true }).click();
  await section.getByLabel("New name for Test laptop").fill("Office MacBook");
  await section.getByRole("button", { name: "Save name" }).click();
  await expect(section.getByTestId("passkey-name")).toHaveText(["Office MacBook"]);

  // Delete it (with confirmation); it no longer signs in.
  await section.getByText("Delete", { exact: true }).click();
  await expect(section.getByText("Delete “Office MacBook”?")).toBeVisible();
  await section.getByRole("button", { name: "Delete passkey" }).click();
  await expect(section.getByText("You don't have a passkey yet.")).toBeVisible();

  await presence(false);
  await signOut(page, workspace.ownerName);
  await page.goto(`/${workspace.slug}/login`);
  await presence(true);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "isn't registered" })).toContainText(`This passkey isn't registered in ${workspace.companyName}.`);
  await expect(page).toHaveURL(new RegExp(`/${workspace.slug}/login`));
});

test("a passkey of one workspace does not sign in to another", async ({ page, browser }) => {
  const first = await signUpWorkspace(page);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await page.goto(`/${first.slug}/security`);
  const section = page.getByTestId("passkeys-section");
  await section.getByLabel("Passkey name").fill("Key for the first workspace");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByTestId("passkey-name")).toHaveText(["Key for the first workspace"]);

  // A second workspace, made in another browser context; this browser's authenticator only knows the first.
  const otherContext = await browser.newContext();
  const second = await signUpWorkspace(await otherContext.newPage());
  await otherContext.close();
  await page.goto(`/${second.slug}/login`);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "isn't registered" })).toContainText(`This passkey isn't registered in ${second.companyName}.`);
  await expect(page).toHaveURL(new RegExp(`/${second.slug}/login`));
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);
});
