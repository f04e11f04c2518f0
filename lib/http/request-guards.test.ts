// The proxy's checks on input no page or action can use: each refuses the bad case and lets
// through what our own pages and forms send.
import { describe, expect, it } from "vitest";
import { bodyExceeds, isCleanUrl, isFormLikePost, isWellFormedActionCall, isWellFormedFormPost } from "./request-guards";

const KNOWN = "7f" + "a".repeat(40);
const isKnown = (id: string) => id === KNOWN;

function multipartRequest(fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return new Request("http://app.test/demo/login", { method: "POST", body: form, headers });
}

describe("isCleanUrl", () => {
  it("refuses a NUL or a broken escape in the path or the query", () => {
    for (const url of ["/demo%00/login", "/demo/customers?q=a%00b", "/demo/customers?q=%FF", "/demo/%C3%28", "/x?a%00=1", "/x?q=a+%00"]) {
      expect(isCleanUrl(new URL(url, "http://app.test")), url).toBe(false);
    }
  });

  it("lets through what pages link to: escapes of real text, Chinese, plus signs, empty values", () => {
    for (const url of ["/demo/customers?q=%E5%8C%97%E4%BA%AC&sort=name", "/demo/customers?q=a+b&page=", "/demo/customers/0b4c?", "/", "/demo/reports?from=2026-01-01&to=2026-12-31"]) {
      expect(isCleanUrl(new URL(url, "http://app.test")), url).toBe(true);
    }
  });
});

describe("isFormLikePost", () => {
  it("is a POST with an action header or a form body, not an upload or JSON", () => {
    expect(isFormLikePost("POST", new Headers({ "next-action": KNOWN }))).toBe(true);
    expect(isFormLikePost("POST", new Headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isFormLikePost("POST", new Headers({ "content-type": "application/x-www-form-urlencoded" }))).toBe(true);
    expect(isFormLikePost("POST", new Headers({ "content-type": "application/octet-stream" }))).toBe(false);
    expect(isFormLikePost("POST", new Headers({ "content-type": "application/json" }))).toBe(false);
    expect(isFormLikePost("GET", new Headers({ "next-action": KNOWN }))).toBe(false);
  });
});

describe("isWellFormedActionCall", () => {
  it("accepts what React's client sends for our forms and calls", async () => {
    expect(await isWellFormedActionCall(multipartRequest({ "0": JSON.stringify(["demo", { status: "idle", values: { q: "$$dollar" } }, "$K1"]), _1_name: "x" }))).toBe(true);
    expect(await isWellFormedActionCall(new Request("http://app.test/", { method: "POST", body: '["id-1","$undefined","$D2026-01-01T00:00:00.000Z"]', headers: { "content-type": "text/plain;charset=UTF-8" } }))).toBe(true);
  });

  it("refuses an argument list that isn't JSON, isn't a list, or refers to parts that aren't there", async () => {
    expect(await isWellFormedActionCall(multipartRequest({ "0": "not json" }))).toBe(false);
    expect(await isWellFormedActionCall(multipartRequest({ "0": '{"a":1}' }))).toBe(false);
    expect(await isWellFormedActionCall(multipartRequest({ "0": '["$@7"]' }))).toBe(false);
    expect(await isWellFormedActionCall(multipartRequest({ "0": '["$Q1"]' }))).toBe(false);
    expect(await isWellFormedActionCall(multipartRequest({ name: "x" }))).toBe(false);
    expect(await isWellFormedActionCall(new Request("http://app.test/", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } }))).toBe(false);
  });
});

describe("isWellFormedFormPost", () => {
  const reference = JSON.stringify({ id: KNOWN, bound: "$@1" });

  it("lets through a form naming a known action with its bound values, and forms naming none", async () => {
    expect(await isWellFormedFormPost(multipartRequest({ $ACTION_REF_1: "", "$ACTION_1:0": reference, "$ACTION_1:1": '["demo",{"status":"idle"}]', username: "x" }), isKnown)).toBe(true);
    expect(await isWellFormedFormPost(multipartRequest({ [`$ACTION_ID_${KNOWN}`]: "", username: "x" }), isKnown)).toBe(true);
    expect(await isWellFormedFormPost(multipartRequest({ email: "a@b.c" }), isKnown)).toBe(true);
  });

  it("refuses missing or malformed parts and unknown actions", async () => {
    expect(await isWellFormedFormPost(multipartRequest({ $ACTION_REF_1: "", "$ACTION_1:0": reference }), isKnown)).toBe(false);
    expect(await isWellFormedFormPost(multipartRequest({ $ACTION_REF_1: "", "$ACTION_1:0": "not json" }), isKnown)).toBe(false);
    expect(await isWellFormedFormPost(multipartRequest({ $ACTION_REF_1: "", "$ACTION_1:0": reference, "$ACTION_1:1": '{"a":1}' }), isKnown)).toBe(false);
    expect(await isWellFormedFormPost(multipartRequest({ $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id: "7f" + "0".repeat(40), bound: null }) }), isKnown)).toBe(false);
    expect(await isWellFormedFormPost(multipartRequest({ ["$ACTION_ID_7f" + "0".repeat(40)]: "" }), isKnown)).toBe(false);
  });
});

describe("bodyExceeds", () => {
  function streamed(sizes: number[]): Request {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const size of sizes) controller.enqueue(new Uint8Array(size));
        controller.close();
      },
    });
    return new Request("http://app.test/", { method: "POST", body, duplex: "half" } as RequestInit);
  }

  it("counts a chunked body up to the limit", async () => {
    expect(await bodyExceeds(streamed([600, 600]), 1000)).toBe(true);
    expect(await bodyExceeds(streamed([500, 500]), 1000)).toBe(false);
    expect(await bodyExceeds(new Request("http://app.test/"), 1000)).toBe(false);
  });
});
