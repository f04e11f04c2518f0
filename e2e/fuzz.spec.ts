import { request as playwrightRequest, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { expect, test, testClientIp } from "./support/test";
import { signIn, signUpWorkspace, type Workspace } from "./support/workspace";
import { appRoutes, serverActions, urlFor, type ServerAction } from "./support/build";

// Bad input against everything a signed-in Owner can reach: every page, route handler and server
// action of the build under test (read from its manifests, so a new route is fuzzed the day it is
// added), with NUL characters and invalid UTF-8 in paths, queries and fields, overlong strings,
// wrong types, missing and duplicated fields, unknown and malformed action ids, oversized bodies,
// path traversal and odd content types. Any 5xx fails, and so does any answer showing a stack
// trace, SQL or the framework's own error text: bad input is the client's mistake, and the
// answer says so in a 4xx (or the form's own message) without telling an attacker how we work.

const FORBIDDEN_TEXT: [string, RegExp][] = [
  ["a stack trace", /\n\s+at (?:async )?\S+ \(?\S+:\d+:\d+\)?/],
  ["a PostgreSQL error", /invalid byte sequence|syntax error at or near|violates .* constraint|relation "[^"]+" does not exist/i],
  ["a Prisma error", /PrismaClient|DriverAdapterError|Invalid `prisma/],
  ["an SQL statement", /\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b [^<]{0,200}\b(?:FROM|VALUES|SET|WHERE)\b/],
  ["Next.js's error page", /Internal Server Error|Application error: a server-side exception/],
  // An error row in an action's answer; NEXT_* digests are redirect(), notFound() and forbidden().
  ["a server action failure", /Failed to find Server Action|Invariant:|E\{"digest":"(?!NEXT_)/],
  ["a JavaScript error", /\b(?:TypeError|ReferenceError|SyntaxError|RangeError): /],
];

const NUL = "\u0000";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
// Path parameter values: an id that doesn't exist, then the hostile ones (already URL-encoded).
const PARAM_ATTACKS = ["a%00b", "%FF%FE", "..%2F..%2F..%2Fetc%2Fpasswd", "%C0%AE%C0%AE%2F", "x".repeat(3000), "1'%20OR%20'1'%3D'1"];
const QUERY_ATTACKS = [
  "?q=a%00b",
  "?q=%FF%FE%FD",
  `?q=${"y".repeat(5000)}`,
  "?q=a&q=b&sort=%00&dir=sideways&page=-1&cursor=%27%22",
  "?q[]=1&columns=%00&type=..%2F..%2Fetc%2Fpasswd&from=not-a-date&to=9999-99-99",
];
// Field names our forms use, for values the actions must refuse cleanly.
const FIELD_NAMES = ["name", "email", "username", "password", "title", "q", "id", "version", "note", "body", "slug", "companyName", "phone", "amount", "currency", "stageId", "customerId", "contactId", "role", "code", "method", "locale", "dueAt", "type", "website", "returnTo", "next"];

type Problem = string;

function check(problems: Problem[], what: string, response: APIResponse | null, body: string) {
  if (!response) {
    problems.push(`${what}: no answer`);
    return;
  }
  if (response.status() >= 500) problems.push(`${what}: ${response.status()} ${body.slice(0, 160).replace(/\s+/g, " ")}`);
  for (const [label, pattern] of FORBIDDEN_TEXT) {
    const found = pattern.exec(body);
    if (found) problems.push(`${what}: shows ${label}: ${found[0].slice(0, 120)}`);
  }
}

async function send(problems: Problem[], what: string, call: () => Promise<APIResponse>) {
  let response: APIResponse | null = null;
  let body = "";
  try {
    response = await call();
    body = (await response.body()).subarray(0, 300_000).toString("utf8");
  } catch (error) {
    problems.push(`${what}: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
    return;
  }
  check(problems, what, response, body);
}

/** Runs the calls a few at a time: enough to finish quickly on 2 cores, few enough not to time out. */
async function inPool(calls: (() => Promise<void>)[], width = 4) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < calls.length) await calls[next++]!();
    }),
  );
}

const STATE = { status: "idle", fieldErrors: {}, values: {} };

function formFields(value: (name: string) => string): Record<string, string> {
  return Object.fromEntries(FIELD_NAMES.map((name) => [`_1_${name}`, value(name)]));
}

/** Hand-built multipart, for what Playwright's helpers won't send: repeated fields, raw bytes. */
function multipart(parts: [string, string | Buffer][]): { body: Buffer; contentType: string } {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Every way to call one server action wrongly, posted to a page that renders it. */
function actionAttacks(action: ServerAction, url: string, slug: string): [string, (api: APIRequestContext) => Promise<APIResponse>][] {
  const headers = { "Next-Action": action.id, Accept: "text/x-component" };
  const call = (args: unknown[], fields: Record<string, string>) => (api: APIRequestContext) =>
    api.post(url, { headers, multipart: { "0": JSON.stringify(args), ...fields }, maxRedirects: 0 });
  const raw = (parts: [string, string | Buffer][]) => (api: APIRequestContext) => {
    const { body, contentType } = multipart(parts);
    return api.post(url, { headers: { ...headers, "content-type": contentType }, data: body, maxRedirects: 0 });
  };
  // A form posted without JavaScript names its action in fields instead of a header.
  const noScript = (fields: Record<string, string>) => (api: APIRequestContext) => api.post(url, { headers: { Accept: "text/html" }, multipart: fields, maxRedirects: 0 });
  const reference = JSON.stringify({ id: action.id, bound: "$@1" });
  const typed = (contentType: string, data: string | Buffer) => (api: APIRequestContext) =>
    api.post(url, { headers: { ...headers, "content-type": contentType }, data, maxRedirects: 0 });
  const boundForm = [slug, STATE, "$K1"];
  return [
    ["NUL in every field", call(boundForm, formFields((name) => `${name}${NUL}value`))],
    ["NUL in the bound values", call([`${slug}${NUL}`, `token${NUL}`, STATE, "$K1"], formFields(() => "x"))],
    ["invalid UTF-8 in every field", raw([["0", JSON.stringify(boundForm)], ...FIELD_NAMES.map((name): [string, Buffer] => [`_1_${name}`, Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x41])])])],
    ["overlong fields", call(boundForm, formFields(() => "z".repeat(20_000)))],
    ["no fields at all", call(boundForm, {})],
    ["every field twice", raw([["0", JSON.stringify(boundForm)], ...FIELD_NAMES.flatMap((name): [string, string][] => [[`_1_${name}`, "one"], [`_1_${name}`, "two"]])])],
    ["wrong argument types", call([42, null, { nested: [1, 2] }, true], {})],
    ["a form where the slug goes", call(["$K1", STATE, "$K1"], formFields(() => "x"))],
    ["argument list that is not JSON", raw([["0", "not json"]])],
    ["argument list that is an object", raw([["0", '{"a":1}']])],
    ["a reference to a missing part", raw([["0", '["$@7","$Q9","$K1"]']])],
    ["text body that is not JSON", typed("text/plain;charset=UTF-8", "{{{")],
    ["a JSON content type", typed("application/json", JSON.stringify({ username: "x" }))],
    ["an XML content type", typed("application/xml", "<a>1</a>")],
    ["without JavaScript, the bound values missing", noScript({ "$ACTION_REF_1": "", "$ACTION_1:0": reference, "$ACTION_KEY": "k", username: "x" })],
    ["without JavaScript, a reference that is not JSON", noScript({ "$ACTION_REF_1": "", "$ACTION_1:0": "not json" })],
    ["without JavaScript, bound values that are not a list", noScript({ "$ACTION_REF_1": "", "$ACTION_1:0": reference, "$ACTION_1:1": '{"a":1}' })],
    ["without JavaScript, NUL in the bound values", noScript({ "$ACTION_REF_1": "", "$ACTION_1:0": reference, "$ACTION_1:1": JSON.stringify([`${slug}${NUL}`, STATE]), name: `a${NUL}` })],
    ["without JavaScript, the action named alone", noScript({ [`$ACTION_ID_${action.id}`]: "", name: "x" })],
    ["without JavaScript, an unknown action", noScript({ "$ACTION_ID_7f0000000000000000000000000000000000000000": "", "$ACTION_REF_2": "", "$ACTION_2:0": JSON.stringify({ id: "7f" + "0".repeat(40), bound: null }) })],
    ["a body over the limit", typed("text/plain;charset=UTF-8", JSON.stringify(["x".repeat(2 * 1024 * 1024)]))],
  ];
}

/** The signed-in API client: the page's cookies, its own address (so its requests don't use up the browser's per-IP allowance). */
async function signedInClient(page: Page, baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, storageState: await page.context().storageState(), extraHTTPHeaders: { "X-Forwarded-For": testClientIp(), Origin: baseURL } });
}

test("bad input to every page, route and server action gets a clean 4xx, never a 5xx or an internal error", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const workspace: Workspace = await signUpWorkspace(page);
  let api = await signedInClient(page, baseURL!);
  const problems: Problem[] = [];
  const routes = appRoutes();
  const actions = serverActions();
  expect(routes.length).toBeGreaterThan(20);
  expect(actions.length).toBeGreaterThan(20);

  const fill = (value: string) => (param: string) => (param === "tenant" ? workspace.slug : value);
  const calls: (() => Promise<void>)[] = [];
  for (const { route, kind } of routes) {
    const hasParams = /\[[^\]]+\]/.test(route.replace("[tenant]", ""));
    const values = hasParams ? [UNKNOWN_ID, ...PARAM_ATTACKS] : [UNKNOWN_ID];
    for (const value of values) {
      const url = urlFor(route, fill(value));
      calls.push(() => send(problems, `GET ${url.slice(0, 120)}`, () => api.get(url, { maxRedirects: 0 })));
    }
    // The workspace segment itself, with a NUL and as a traversal.
    for (const tenant of ["demo%00", "..%2F..", "%FF"]) {
      const url = urlFor(route, (param) => (param === "tenant" ? tenant : UNKNOWN_ID));
      if (url.includes(tenant)) calls.push(() => send(problems, `GET ${url}`, () => api.get(url, { maxRedirects: 0 })));
    }
    const base = urlFor(route, fill(UNKNOWN_ID));
    for (const query of QUERY_ATTACKS) calls.push(() => send(problems, `GET ${base}${query.slice(0, 80)}`, () => api.get(`${base}${query}`, { maxRedirects: 0 })));
    if (kind === "route") {
      const bodies: [string, string, string | Buffer][] = [
        ["JSON with NUL", "application/json", JSON.stringify({ id: `a${NUL}b`, email: `x${NUL}@y.z`, response: { id: NUL } })],
        ["not JSON", "application/json", "{not json"],
        ["a form with NUL", "application/x-www-form-urlencoded", "email=a%00b&id=%00"],
        ["CSV with NUL and invalid UTF-8", "application/octet-stream", Buffer.concat([Buffer.from(`name,email\nA${NUL}B,x@y.z\n`), Buffer.from([0xff, 0xfe, 0x0a])])],
        ["an empty body", "text/plain", ""],
      ];
      for (const [label, contentType, data] of bodies) {
        calls.push(() => send(problems, `POST ${base} (${label})`, () => api.post(base, { headers: { "content-type": contentType }, data, maxRedirects: 0 })));
      }
    }
  }
  await inPool(calls);

  // Ids that are no action of this build, or no action id at all, on a page and on an API path.
  const login = `/${workspace.slug}/login`;
  for (const [label, id] of [["unknown", "7f" + "0".repeat(40)], ["malformed", "not-an-id"], ["overlong", "a".repeat(400)], ["NUL", "7f%00"]]) {
    for (const url of [`/${workspace.slug}/customers`, login, "/api/health"]) {
      await send(problems, `action id ${label} at ${url}`, () =>
        api.post(url, { headers: { "Next-Action": id, Accept: "text/x-component" }, multipart: { "0": JSON.stringify([workspace.slug, STATE, "$K1"]) }, maxRedirects: 0 }),
      );
    }
  }

  // Signing out ends the session the rest needs; it goes last.
  const ordered = [...actions].sort((a, b) => Number(a.exportedName === "signOutAction") - Number(b.exportedName === "signOutAction"));
  for (const action of ordered) {
    const url = urlFor(action.pages[0]!, fill(UNKNOWN_ID));
    await inPool(actionAttacks(action, url, workspace.slug).map(([label, attack]) => () => send(problems, `${action.exportedName} (${action.filename}) ${label}`, () => attack(api))));
    // An action may end the session (a wrong second-factor code does); sign in again to keep fuzzing signed in.
    const home = await api.get(`/${workspace.slug}`, { maxRedirects: 0 });
    if (home.status() !== 200) {
      await signIn(page, workspace.slug, workspace.email, workspace.password);
      await api.dispose();
      api = await signedInClient(page, baseURL!);
    }
  }
  await api.dispose();

  expect(problems, problems.slice(0, 40).join("\n")).toEqual([]);
});
