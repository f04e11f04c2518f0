// Emailed sign-in links, as the member and as an attacker see them: the form answers the same for
// every username (and emails nobody for an unknown one), links work once, for ten minutes, in
// their own workspace only, an altered link is unknown, refusals that name a member count towards
// their lockout, and the waiting tab learns nothing with someone else's request key.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { initialFormState } from "@/lib/forms/form-state";
import { addMember, auditEvents, createWorkspace, emailsTo, TEST_META, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { hashToken } from "./tokens";
import { getSecurityPolicy } from "./security-policy";
import { readThrottle, throttleKey } from "./sign-in-throttle";
import {
  EMAIL_LINK_TTL_MS,
  consumeEmailSignInLink,
  lookUpEmailSignInLink,
  newRequestKey,
  requestEmailSignInLink,
  waitingTabStatus,
} from "./email-sign-in-link";

// The server action runs outside a request here: after() queues its task for the test to run,
// cookies live in a jar per test, and the request's origin is fixed.
const deferred = vi.hoisted(() => [] as (() => unknown)[]);
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void deferred.push(task),
}));
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
  headers: async () => new Headers({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36" }),
}));
const { requestSignInLinkAction } = await import("@/app/[tenant]/login/email-link-actions");

async function runDeferred() {
  const tasks = deferred.splice(0);
  for (const task of tasks) await task();
  return tasks.length;
}

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

beforeEach(() => {
  deferred.length = 0;
  jar.clear();
});

function member(tenantId = ws.tenant.id): Promise<User> {
  return addMember(tenantId, "SALES_REP");
}

/** Asks for a link for `user` and returns the token from the email and the request key. */
async function linkFor(user: User, now?: Date) {
  const requestKey = newRequestKey();
  expect(await requestEmailSignInLink({ tenantId: user.tenantId, username: user.email, requestKey, ...TEST_META, now })).toBe("sent");
  const emails = await emailsTo(user.email);
  const token = emails.at(-1)!.text.match(/\/login\/link\/([A-Za-z0-9_-]+)/)![1]!;
  return { token, requestKey };
}

function consume(slug: string, token: string, requestKey: string | null = null, now?: Date) {
  return consumeEmailSignInLink({ slug, token, requestKey, meta: TEST_META, now });
}

async function failures(user: User) {
  const policy = await getSecurityPolicy(user.tenantId);
  return (await readThrottle(user.tenantId, throttleKey(user.id, ""), policy)).failures;
}

describe("asking for a link", () => {
  it("emails a link naming the workspace and the request, stores only the token's hash, and audits", async () => {
    const user = await member();
    const { token } = await linkFor(user);
    const [email] = await emailsTo(user.email);
    expect(email!.subject).toBe(`Your sign-in link for ${ws.tenant.name}`);
    expect(email!.text).toContain(`/${ws.tenant.slug}/login/link/${token}`);
    expect(email!.text).toContain("203.0.113.7");
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const rows = await systemDb().emailSignInToken.findMany({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await auditEvents(ws.tenant.id, "signin.link_requested")).some((event) => event.targetUserId === user.id)).toBe(true);
  });

  it("leads to the page asked for before signing in, and only to a page of this workspace", async () => {
    const user = await member();
    const deepLink = `/${ws.tenant.slug}/customers?q=acme`;
    for (const [next, suffix] of [
      [deepLink, `?next=${encodeURIComponent(deepLink)}`],
      ["https://evil.example/", ""],
      ["/other-workspace/customers", ""],
    ] as const) {
      await requestEmailSignInLink({ tenantId: user.tenantId, username: user.email, requestKey: newRequestKey(), next, ...TEST_META });
      const email = (await emailsTo(user.email)).at(-1)!;
      expect(email.text).toMatch(new RegExp(`/${ws.tenant.slug}/login/link/[A-Za-z0-9_-]+${suffix.replace(/[?%.]/g, "\\$&")}(\\s|$)`));
    }
  });

  it("answers the same for a real and an unknown username, and emails nobody for the unknown one", async () => {
    const user = await member();
    const form = (username: string) => {
      const data = new FormData();
      data.set("username", username);
      return data;
    };
    const real = await requestSignInLinkAction(ws.tenant.slug, initialFormState, form(user.email));
    const realCookie = [...jar.values()];
    jar.clear();
    const unknownAddress = `nobody-${Date.now()}@example.test`;
    const unknown = await requestSignInLinkAction(ws.tenant.slug, initialFormState, form(unknownAddress));
    const unknownCookie = [...jar.values()];
    expect(unknown).toEqual(real);
    expect(JSON.stringify(real)).not.toContain(user.email);
    // Both get a waiting-tab key; nothing is looked up before the answer has gone.
    expect(realCookie).toHaveLength(1);
    expect(unknownCookie).toHaveLength(1);
    expect(await emailsTo(user.email)).toHaveLength(0);
    expect(await runDeferred()).toBe(2);
    expect(await emailsTo(user.email)).toHaveLength(1);
    expect(await emailsTo(unknownAddress)).toHaveLength(0);
    // The unknown request's tab waits exactly like a real one.
    expect(await waitingTabStatus(ws.tenant.slug, unknownCookie[0]!, null)).toBe("waiting");
    expect(await waitingTabStatus(ws.tenant.slug, realCookie[0]!, null)).toBe("waiting");
  });

  it("sends at most three links per member in 15 minutes", async () => {
    const user = await member();
    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await requestEmailSignInLink({ tenantId: ws.tenant.id, username: user.email, requestKey: newRequestKey(), ...TEST_META }));
    expect(outcomes).toEqual(["sent", "sent", "sent", "rate-limited"]);
    expect(await emailsTo(user.email)).toHaveLength(3);
  });

  it("sends nothing to a deactivated member", async () => {
    const user = await addMember(ws.tenant.id, "SALES_REP", { status: "DEACTIVATED" });
    expect(await requestEmailSignInLink({ tenantId: ws.tenant.id, username: user.email, requestKey: newRequestKey(), ...TEST_META })).toBe("no-account");
    expect(await emailsTo(user.email)).toHaveLength(0);
  });
});

describe("using a link", () => {
  it("works once: the second use is refused as used and counts as a failed sign-in", async () => {
    const user = await member();
    const { token } = await linkFor(user);
    expect(await lookUpEmailSignInLink(ws.tenant.slug, token)).toMatchObject({ status: "valid" });
    expect(await consume(ws.tenant.slug, token)).toMatchObject({ ok: true, userId: user.id, sameBrowser: false });
    expect(await consume(ws.tenant.slug, token)).toEqual({ ok: false, reason: "used" });
    expect(await lookUpEmailSignInLink(ws.tenant.slug, token)).toEqual({ status: "used" });
    expect(await failures(user)).toBe(1);
    const refused = await auditEvents(ws.tenant.id, "signin.link_refused");
    expect(refused.some((event) => event.targetUserId === user.id && (event.data as { reason: string }).reason === "used")).toBe(true);
  });

  it("of two simultaneous uses exactly one wins", async () => {
    const user = await member();
    const { token } = await linkFor(user);
    const results = await Promise.all([consume(ws.tenant.slug, token), consume(ws.tenant.slug, token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("expires after ten minutes", async () => {
    const user = await member();
    const issued = new Date(Date.now() - EMAIL_LINK_TTL_MS - 1000);
    const { token } = await linkFor(user, issued);
    expect(await lookUpEmailSignInLink(ws.tenant.slug, token)).toEqual({ status: "expired" });
    expect(await consume(ws.tenant.slug, token)).toEqual({ ok: false, reason: "expired" });
    expect(await failures(user)).toBe(1);
    // One minute before the end it still works.
    const fresh = await linkFor(user, new Date(Date.now() - EMAIL_LINK_TTL_MS + 60_000));
    expect(await consume(ws.tenant.slug, fresh.token)).toMatchObject({ ok: true });
  });

  it("works only in its own workspace", async () => {
    const user = await member();
    const { token } = await linkFor(user);
    expect(await lookUpEmailSignInLink(other.tenant.slug, token)).toEqual({ status: "other-workspace" });
    expect(await consume(other.tenant.slug, token)).toEqual({ ok: false, reason: "other-workspace" });
    expect(await failures(user)).toBe(1);
    // Refused elsewhere, it is still good where it belongs.
    expect(await consume(ws.tenant.slug, token)).toMatchObject({ ok: true, userId: user.id });
  });

  it("refuses an altered token as unknown, naming nobody", async () => {
    const user = await member();
    const { token } = await linkFor(user);
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await lookUpEmailSignInLink(ws.tenant.slug, altered)).toEqual({ status: "unknown" });
    expect(await consume(ws.tenant.slug, altered)).toEqual({ ok: false, reason: "unknown" });
    expect(await consume(ws.tenant.slug, "not a token!")).toEqual({ ok: false, reason: "unknown" });
    expect(await failures(user)).toBe(0);
    const refused = await auditEvents(ws.tenant.id, "signin.link_refused");
    expect(refused.some((event) => event.targetUserId === null && (event.data as { reason: string }).reason === "unknown")).toBe(true);
    expect(await consume(ws.tenant.slug, token)).toMatchObject({ ok: true });
  });

  it("does not sign in a locked account, and leaves the link unused", async () => {
    const user = await member();
    const { token } = await linkFor(user);
    await systemDb().signInThrottle.create({
      data: { tenantId: ws.tenant.id, usernameKey: throttleKey(user.id, ""), failures: 0, windowStart: new Date(), lockedUntil: new Date(Date.now() + 3_600_000), lockCount: 1 },
    });
    expect(await consume(ws.tenant.slug, token)).toEqual({ ok: false, reason: "locked" });
    expect(await lookUpEmailSignInLink(ws.tenant.slug, token)).toMatchObject({ status: "valid" });
  });

  it("is refused when the workspace has switched emailed links off", async () => {
    const third = await createWorkspace();
    const user = await member(third.tenant.id);
    const { token } = await linkFor(user);
    await systemDb().mfaPolicy.upsert({ where: { tenantId: third.tenant.id }, create: { tenantId: third.tenant.id, allowEmailLink: false }, update: { allowEmailLink: false } });
    expect(await consume(third.tenant.slug, token)).toEqual({ ok: false, reason: "disabled" });
    expect(await requestEmailSignInLink({ tenantId: third.tenant.id, username: user.email, requestKey: newRequestKey(), ...TEST_META })).toBe("disabled");
  });
});

describe("the waiting tab", () => {
  it("moves on when the link is used in its own browser, and learns nothing with another key", async () => {
    const user = await member();
    const { token, requestKey } = await linkFor(user);
    const stranger = newRequestKey();
    expect(await waitingTabStatus(ws.tenant.slug, requestKey, null)).toBe("waiting");
    expect(await consume(ws.tenant.slug, token, requestKey)).toMatchObject({ ok: true, sameBrowser: true });
    // Used, but the session cookie has not reached this browser yet: opening the workspace now
    // would land on the login page, so the tab keeps waiting until its poll carries the session.
    expect(await waitingTabStatus(ws.tenant.slug, requestKey, null)).toBe("waiting");
    expect(await waitingTabStatus(ws.tenant.slug, requestKey, other.tenant.slug)).toBe("waiting");
    expect(await waitingTabStatus(ws.tenant.slug, requestKey, ws.tenant.slug)).toBe("signed-in");
    expect(await waitingTabStatus(ws.tenant.slug, stranger, ws.tenant.slug)).toBe("waiting");
    expect(await waitingTabStatus(ws.tenant.slug, null, ws.tenant.slug)).toBe("waiting");
    // Its key means nothing at another workspace's address.
    expect(await waitingTabStatus(other.tenant.slug, requestKey, other.tenant.slug)).toBe("waiting");
  });

  it("is told, but not signed in, when the link is used in another browser", async () => {
    const user = await member();
    const { token, requestKey } = await linkFor(user);
    expect(await consume(ws.tenant.slug, token, newRequestKey())).toMatchObject({ ok: true, sameBrowser: false });
    expect(await waitingTabStatus(ws.tenant.slug, requestKey, null)).toBe("elsewhere");
    const row = await systemDb().emailSignInToken.findFirstOrThrow({ where: { tenantId: ws.tenant.id, userId: user.id } });
    expect(row.claimedAt).toBeNull();
  });
});
