// publicAction, the pipeline of every public form's action. The per-IP limit on sign-in-like
// requests, counted in the actions themselves: an attacker who posts the sign-in action to some
// other path (which proxy.ts does not count) still meets it, for their own address, before any
// password is checked. The argument checks both action pipelines make before anything reads the
// request: wrong shapes and NUL characters are refused. Then the parsed form, the captcha step
// and unexpected failures.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { createCaptchaChallenge } from "@/lib/auth/captcha";
import { systemDb } from "@/lib/db/prisma";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { AUTH_IP_LIMIT, peekRateLimit } from "@/lib/auth/rate-limit";
import { createWorkspace, type TestWorkspace } from "@/test/factories";

// The request as next/headers reports it: the client address scripts/server.mjs stamped, and
// whether proxy.ts already counted this request (it did for the listed paths, not for others).
const request = vi.hoisted(() => ({ ip: "", chargedByProxy: false, cookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void request.cookies.set(name, value),
    delete: (name: string) => void request.cookies.delete(name),
  }),
  headers: async () =>
    new Headers({
      "x-relay-client-ip": request.ip,
      "user-agent": "vitest",
      ...(request.chargedByProxy ? { "x-relay-ip-limit-charged": "1" } : {}),
    }),
}));
// Work deferred until after the response (emails, audit) runs at once here.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (task: () => unknown) => void task() }));

const { publicAction } = await import("./public-action");
type CaptchaStep<Input> = import("./public-action").CaptchaStep<Input>;
const { memberAction } = await import("./member-action");
const { signInAction } = await import("@/app/[tenant]/login/actions");
const { z } = await import("zod");

let ws: TestWorkspace;
let addressCounter = 0;
beforeAll(async () => {
  ws = await createWorkspace();
});
beforeEach(() => {
  addressCounter += 1;
  request.ip = `198.51.100.${addressCounter}`;
  request.chargedByProxy = false;
  request.cookies.clear();
});

/**
 * The limit counts in fixed one-minute windows; a test that makes its requests across a window's
 * end would see the count start again. Start with at least 10 seconds of the window left.
 */
async function startOfAWindow() {
  const windowMs = AUTH_IP_LIMIT.windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

async function sessionsOfOwner() {
  return systemDb().session.count({ where: { tenantId: ws.tenant.id, userId: ws.owner.id } });
}

describe("per-IP limit counted by the action", () => {
  it("the sign-in action, however it was reached, refuses the address past the limit without checking the password", async () => {
    await startOfAWindow();
    for (let i = 0; i < AUTH_IP_LIMIT.limit; i++) {
      const state = await signInAction(ws.tenant.slug, initialFormState, form({ username: `guess${i}@example.test`, password: "not-the-password-at-all" }));
      // Below the limit the action runs: the password is checked (or, after a few failures from
      // this address, the captcha is asked for).
      expect(["invalidCredentials", "captchaRequired"]).toContain(state.formError);
    }
    const before = await sessionsOfOwner();
    // The right password now: refused by the limit, so no session is started.
    const state = await signInAction(ws.tenant.slug, initialFormState, form({ username: ws.owner.email, password: ws.password }));
    expect(state).toMatchObject({ status: "error", formError: "rateLimited" });
    expect(Number(state.formErrorValues?.seconds)).toBeGreaterThan(0);
    expect(Number(state.formErrorValues?.seconds)).toBeLessThanOrEqual(AUTH_IP_LIMIT.windowSeconds);
    expect(await sessionsOfOwner()).toBe(before);
    // Charged to the client's own address, not to a shared one.
    expect(await peekRateLimit(`auth:ip:${request.ip}`, AUTH_IP_LIMIT.windowSeconds)).toBe(AUTH_IP_LIMIT.limit + 1);
  });

  it("a request proxy.ts already counted (a listed path) is not counted twice", async () => {
    await startOfAWindow();
    request.chargedByProxy = true;
    let runs = 0;
    const action = publicAction({ bound: [], schema: z.object({ username: z.string() }), logAs: "test" }, async () => {
      runs += 1;
      return initialFormState;
    });
    for (let i = 0; i < AUTH_IP_LIMIT.limit + 5; i++) await action(initialFormState, form({ username: "x" }));
    expect(runs).toBe(AUTH_IP_LIMIT.limit + 5);
    expect(await peekRateLimit(`auth:ip:${request.ip}`, AUTH_IP_LIMIT.windowSeconds)).toBe(0);
  });

  it("a forged request without the proxy's mark is counted, and past the limit the action does not run", async () => {
    await startOfAWindow();
    let runs = 0;
    const action = publicAction({ bound: ["slug"], schema: z.object({ username: z.string() }), logAs: "test" }, async () => {
      runs += 1;
      return initialFormState;
    });
    const states = [];
    for (let i = 0; i < AUTH_IP_LIMIT.limit + 3; i++) states.push(await action(ws.tenant.slug, initialFormState, form({ username: "x" })));
    expect(runs).toBe(AUTH_IP_LIMIT.limit);
    expect(states.slice(AUTH_IP_LIMIT.limit).map((state) => state.formError)).toEqual(["rateLimited", "rateLimited", "rateLimited"]);
  });
});

describe("argument checks in both pipelines", () => {
  let runs = 0;
  const signedOutAction = publicAction({ bound: ["slug"], schema: z.object({ name: z.string() }), logAs: "test" }, async () => {
    runs += 1;
    return initialFormState;
  });
  const signedInAction = memberAction(z.object({ name: z.string() }), "workspace.view", async () => {
    runs += 1;
    return initialFormState;
  });
  beforeEach(() => {
    runs = 0;
  });

  it("a NUL character in a field is refused before the action runs, naming the field and echoing the rest", async () => {
    for (const action of [signedOutAction, signedInAction]) {
      const state = await action(ws.tenant.slug, initialFormState, form({ name: "Ac\u0000me", note: "fine" }));
      expect(state).toMatchObject({ status: "error", formError: "nulCharacter", fieldErrors: { name: ["nulCharacter"] } });
      expect(state.values).toMatchObject({ name: "Acme", note: "fine" });
    }
    expect(runs).toBe(0);
  });

  it("a NUL character in a bound value (slug, token) or a field name is refused", async () => {
    for (const action of [signedOutAction, signedInAction]) {
      expect(await action(`${ws.tenant.slug}\u0000`, initialFormState, form({ name: "x" }))).toMatchObject({ formError: "badRequest" });
      expect(await action(ws.tenant.slug, initialFormState, form({ "na\u0000me": "x" }))).toMatchObject({ formError: "badRequest" });
    }
    expect(runs).toBe(0);
  });

  it("arguments of the wrong type (no form, a number for the slug) are refused", async () => {
    const call = (action: (...args: never[]) => Promise<FormState>, ...args: unknown[]) => (action as (...args: unknown[]) => Promise<FormState>)(...args);
    for (const action of [signedOutAction, signedInAction]) {
      expect(await call(action, ws.tenant.slug, initialFormState, "not a form")).toMatchObject({ formError: "badRequest" });
      expect(await call(action, 42, initialFormState, form({ name: "x" }))).toMatchObject({ formError: "badRequest" });
      expect(await call(action, ws.tenant.slug, initialFormState, { name: "x" })).toMatchObject({ formError: "badRequest" });
      // The form alone, without the values the page binds (a no-JavaScript post naming the action).
      expect(await call(action, form({ name: "x" }))).toMatchObject({ formError: "badRequest" });
      expect(await call(action, initialFormState, form({ name: "x" }))).toMatchObject({ formError: "badRequest" });
    }
    expect(runs).toBe(0);
  });
});

/** Exactly what the captcha widget posts, for a freshly solved (easy) challenge. */
async function solvedCaptcha(): Promise<string> {
  const challenge = await createCaptchaChallenge({ maxCounter: 8 });
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 10_000 });
  if (!solution) throw new Error("test captcha not solved");
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}

describe("the parsed form", () => {
  // The proxy's mark: these tests are not about the per-IP limit.
  beforeEach(() => {
    request.chargedByProxy = true;
  });

  it("hands the action what the schema parsed (trimmed, coerced, unknown fields dropped) and the bound values by name", async () => {
    const received: unknown[] = [];
    const action = publicAction(
      { bound: ["slug", "token"], schema: z.object({ name: z.string().trim(), seats: z.coerce.number().int() }), logAs: "test" },
      async (input, { slug, token, meta, formData }) => {
        received.push({ input, slug, token, ip: meta.ip, sameForm: formData instanceof FormData });
        return { status: "success", fieldErrors: {}, values: {} };
      },
    );
    const state = await action("acme", "t0ken", initialFormState, form({ name: "  Ada  ", seats: "3", extra: "ignored" }));
    expect(state.status).toBe("success");
    expect(received).toEqual([{ input: { name: "Ada", seats: 3 }, slug: "acme", token: "t0ken", ip: request.ip, sameForm: true }]);
  });

  it("a form that does not parse gets each field's errors and what was typed back, and the action does not run", async () => {
    let runs = 0;
    const action = publicAction({ bound: [], schema: z.object({ email: z.email({ error: "emailInvalid" }) }), logAs: "test" }, async () => {
      runs += 1;
      return initialFormState;
    });
    const state = await action(initialFormState, form({ email: "not an address", password: "secret" }));
    expect(state).toMatchObject({ status: "error", fieldErrors: { email: ["emailInvalid"] }, values: { email: "not an address" } });
    // Passwords are never echoed.
    expect(state.values).not.toHaveProperty("password");
    expect(runs).toBe(0);
  });

  it("onInvalid answers a form that does not parse in the action's own way", async () => {
    const action = publicAction(
      { bound: [], schema: z.object({ username: z.string().min(1) }), logAs: "test", onInvalid: async () => ({ status: "idle", fieldErrors: {}, values: {} }) },
      async () => ({ status: "success", fieldErrors: {}, values: {} }),
    );
    expect(await action(initialFormState, form({ username: "" }))).toEqual({ status: "idle", fieldErrors: {}, values: {} });
  });

  it("an unexpected failure becomes the generic message, logged without its text", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const action = publicAction({ bound: [], schema: z.object({ name: z.string() }), logAs: "test:boom" }, async () => {
        throw new Error("relation \"secret_table\" does not exist");
      });
      const state = await action(initialFormState, form({ name: "Ada" }));
      expect(state).toMatchObject({ status: "error", formError: "generic", values: { name: "Ada" } });
      expect(logged).toHaveBeenCalledTimes(1);
      const line = String(logged.mock.calls[0]![0]);
      expect(JSON.parse(line)).toMatchObject({ level: "error", where: "test:boom", error: "Error" });
      expect(line).not.toContain("secret_table");
    } finally {
      logged.mockRestore();
    }
  });
});

describe("the captcha step", () => {
  beforeEach(() => {
    request.chargedByProxy = true;
  });

  function withCaptcha(captcha: CaptchaStep<{ name: string }>) {
    const runs: string[] = [];
    const action = publicAction({ bound: [], schema: z.object({ name: z.string() }), logAs: "test", captcha }, async ({ name }) => {
      runs.push(name);
      return { status: "success", fieldErrors: {}, values: {} };
    });
    return { action, runs };
  }

  it("refuses a form without a solved captcha, in the form's own words, and asks the form to show it", async () => {
    const { action, runs } = withCaptcha({ missingKey: "recoveryCaptchaRequired" });
    expect(await action(initialFormState, form({ name: "Ada" }))).toMatchObject({
      status: "error",
      fieldErrors: { captcha: ["recoveryCaptchaRequired"] },
      captchaRequired: true,
      values: { name: "Ada" },
    });
    // A forged solution is named as such, not as a missing one.
    expect(await action(initialFormState, form({ name: "Ada", captcha: btoa("{}") }))).toMatchObject({ fieldErrors: { captcha: ["captchaInvalid"] } });
    expect(runs).toEqual([]);
  });

  it("runs the action with a solved captcha, once: the same solution again is refused", async () => {
    const { action, runs } = withCaptcha({});
    const captcha = await solvedCaptcha();
    expect(await action(initialFormState, form({ name: "Ada", captcha }))).toMatchObject({ status: "success" });
    expect(await action(initialFormState, form({ name: "Eve", captcha }))).toMatchObject({ fieldErrors: { captcha: ["captchaReplayed"] } });
    expect(runs).toEqual(["Ada"]);
  });

  it("asks for none when requiredWhen says this request needs none", async () => {
    let required = false;
    const { action, runs } = withCaptcha({ requiredWhen: async () => required });
    expect(await action(initialFormState, form({ name: "Ada" }))).toMatchObject({ status: "success" });
    required = true;
    expect(await action(initialFormState, form({ name: "Eve" }))).toMatchObject({ fieldErrors: { captcha: ["captchaRequired"] } });
    expect(runs).toEqual(["Ada"]);
  });

  it("a refusal from checkFirst comes before the captcha, whose solution stays usable", async () => {
    const { action, runs } = withCaptcha({
      checkFirst: async ({ name }, { formData }) => (name === "weak" ? { status: "error", fieldErrors: { name: ["tooWeak"] }, values: { name: String(formData.get("name")) } } : null),
    });
    const captcha = await solvedCaptcha();
    expect(await action(initialFormState, form({ name: "weak", captcha }))).toMatchObject({ fieldErrors: { name: ["tooWeak"] } });
    expect(await action(initialFormState, form({ name: "strong", captcha }))).toMatchObject({ status: "success" });
    expect(runs).toEqual(["strong"]);
  });
});
