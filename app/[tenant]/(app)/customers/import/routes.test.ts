// The import routes check the session themselves (no layout runs before a route handler): who
// gets 401 and 403, the upload size limit (which server actions' 1 MB limit does not cover here),
// and the whole upload → start → progress → error report round trip over HTTP.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { IMPORT_MAX_BYTES } from "@/lib/dal/imports/read-import-file";

const request = vi.hoisted(() => ({ token: undefined as string | undefined, ip: "203.0.113.9" }));
const deferred = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (request.token ? { name, value: request.token } : undefined) }),
  headers: async () => new Headers({ "x-relay-client-ip": request.ip, "user-agent": "vitest" }),
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void deferred.push(task),
}));

const { POST: analyze } = await import("./analyze/route");
const { POST: start } = await import("./start/route");
const { GET: status } = await import("./jobs/[jobId]/status/route");
const { GET: errors } = await import("./jobs/[jobId]/errors/route");

let ws: TestWorkspace;
let other: TestWorkspace;
let manager: User;

async function signIn(tenantId: string, userId: string) {
  const { token } = await createSession({ tenantId, userId, policy: { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 }, restriction: null, ip: request.ip, userAgent: "vitest" });
  request.token = token;
}

function upload(slug: string, body: BodyInit, options: object = { kind: "customers", fileName: "people.csv" }, headers: Record<string, string> = {}) {
  return new Request(`http://localhost/${slug}/customers/import/analyze`, {
    method: "POST",
    body,
    headers: { "x-import-options": encodeURIComponent(JSON.stringify(options)), ...headers },
    duplex: "half",
  } as RequestInit);
}

const params = (tenant: string) => ({ params: Promise.resolve({ tenant }) });
const jobParams = (tenant: string, jobId: string) => ({ params: Promise.resolve({ tenant, jobId }) });

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  manager = await addMember(ws.tenant.id, "MANAGER");
});

describe("refusals", () => {
  it("401 when signed out or signed in to another workspace", async () => {
    request.token = undefined;
    const response = await analyze(upload(ws.tenant.slug, "name\nX\n"), params(ws.tenant.slug));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error: "importSignedOut" });
    await signIn(other.tenant.id, other.owner.id);
    expect((await analyze(upload(ws.tenant.slug, "name\nX\n"), params(ws.tenant.slug))).status).toBe(401);
  });

  it("403 for a Sales rep and a Read-only member, for every route", async () => {
    for (const role of ["SALES_REP", "READ_ONLY"] as const) {
      const member = await addMember(ws.tenant.id, role);
      await signIn(ws.tenant.id, member.id);
      expect((await analyze(upload(ws.tenant.slug, "name\nX\n"), params(ws.tenant.slug))).status).toBe(403);
      expect((await start(upload(ws.tenant.slug, "name\nX\n"), params(ws.tenant.slug))).status).toBe(403);
      expect((await status(new Request("http://localhost/x"), jobParams(ws.tenant.slug, "anything"))).status).toBe(403);
      expect((await errors(new Request("http://localhost/x"), jobParams(ws.tenant.slug, "anything"))).status).toBe(403);
    }
    expect(deferred).toHaveLength(0);
  });

  it("refuses an oversized upload with 413 and a message, whether or not it declares its length", async () => {
    await signIn(ws.tenant.id, manager.id);
    const declared = await analyze(upload(ws.tenant.slug, "name\nX\n", undefined, { "content-length": String(IMPORT_MAX_BYTES + 1) }), params(ws.tenant.slug));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ ok: false, error: "importTooLarge", values: { max: 10 } });
    const big = new Uint8Array(IMPORT_MAX_BYTES + 10).fill(0x41);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < big.length; offset += 1024 * 1024) controller.enqueue(big.subarray(offset, offset + 1024 * 1024));
        controller.close();
      },
    });
    const response = await analyze(upload(ws.tenant.slug, streamed), params(ws.tenant.slug));
    expect(response.status).toBe(413);
  });

  it("refuses options it can't read", async () => {
    await signIn(ws.tenant.id, manager.id);
    const response = await analyze(upload(ws.tenant.slug, "name\nX\n", { kind: "invoices" }), params(ws.tenant.slug));
    expect(response.status).toBe(400);
  });
});

describe("round trip", () => {
  it("analyzes, starts, reports progress and serves the rejected rows", async () => {
    await signIn(ws.tenant.id, manager.id);
    const file = "Name,Website\nGood Co,good.example\nBad Co,not a site\n";
    const analyzed = await analyze(upload(ws.tenant.slug, file), params(ws.tenant.slug));
    expect(analyzed.status).toBe(200);
    expect(await analyzed.json()).toMatchObject({ ok: true, encoding: "utf-8", mapping: ["name", "website"], counts: { valid: 1, invalid: 1, duplicates: 0 } });

    const started = await start(upload(ws.tenant.slug, file, { kind: "customers", fileName: "people.csv", mapping: ["name", "website"] }), params(ws.tenant.slug));
    const { jobId } = (await started.json()) as { jobId: string };
    expect(started.status).toBe(200);
    const before = await (await status(new Request("http://localhost/x"), jobParams(ws.tenant.slug, jobId))).json();
    expect(before).toMatchObject({ ok: true, job: { status: "running", totalRows: 2, importedRows: 0 } });
    for (const task of deferred.splice(0)) await task();
    const after = await (await status(new Request("http://localhost/x"), jobParams(ws.tenant.slug, jobId))).json();
    expect(after).toMatchObject({ ok: true, job: { status: "done", processedRows: 2, importedRows: 1, failedRows: 1 } });

    const report = await errors(new Request("http://localhost/x"), jobParams(ws.tenant.slug, jobId));
    expect(report.headers.get("content-disposition")).toBe('attachment; filename="people-errors.csv"');
    expect(await report.text()).toContain("Bad Co,not a site,3,");

    // Another workspace's owner learns nothing about this job.
    await signIn(other.tenant.id, other.owner.id);
    expect((await status(new Request("http://localhost/x"), jobParams(other.tenant.slug, jobId))).status).toBe(404);
    expect((await errors(new Request("http://localhost/x"), jobParams(other.tenant.slug, jobId))).status).toBe(404);
  });
});
