import { expect, test } from "./support/test";
import { DEMO_SLUG } from "./support/demo";

// The app listens on all addresses (0.0.0.0), as npm start runs it, and APP_URL names one of them
// (http://localhost:3100 here). Whatever address a browser uses, it ends up on APP_URL's, where
// passkeys and cookies belong; redirects never name the listening address.

test("a page opened on another address of the server moves to APP_URL's, with its path and query", async ({ page, request }) => {
  const other = await request.get(`http://127.0.0.1:3100/${DEMO_SLUG}/login?next=%2Fdemo%2Ftasks`, { maxRedirects: 0 });
  expect(other.status()).toBe(307);
  expect(other.headers().location).toBe(`http://localhost:3100/${DEMO_SLUG}/login?next=%2Fdemo%2Ftasks`);
  // Machines keep the address they used.
  expect((await request.get("http://127.0.0.1:3100/api/health", { maxRedirects: 0 })).status()).toBe(200);
  // A form post is never redirected (its body would be lost); it is refused or served where it came.
  const post = await request.post(`http://127.0.0.1:3100/${DEMO_SLUG}/login`, { maxRedirects: 0, form: { username: "x" } });
  expect(post.status()).not.toBe(307);

  // In the browser: the login page arrives on localhost, and no passkey error shows by itself.
  await page.goto(`http://127.0.0.1:3100/${DEMO_SLUG}/login`);
  await expect(page).toHaveURL(`http://localhost:3100/${DEMO_SLUG}/login`);
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("This passkey couldn't be verified")).toHaveCount(0);
  await expect(page.getByTestId("passkey-sign-in").getByRole("alert")).toHaveText("");

  // The sign-up page's address hint names APP_URL's address.
  await page.goto("http://127.0.0.1:3100/signup");
  await expect(page).toHaveURL("http://localhost:3100/signup");
  await page.getByLabel("Workspace address").fill("acme-trading");
  await expect(page.getByText("localhost:3100/acme-trading", { exact: false })).toBeVisible();
});
