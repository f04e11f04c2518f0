// The CSV download routes check the session themselves (no page or layout runs before a route
// handler): who gets 401, who gets 403, and what an allowed download looks like.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { systemDb } from "@/lib/db/prisma";
import { createSession } from "@/lib/auth/sessions";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import { insertEvent } from "@/lib/dal/audit/audit-test-helpers";
import { GET as auditExport } from "./route";
import { GET as accessReviewExport } from "../../access-review/export/route";

// The request's cookie and client address, as next/headers would report them.
const request = vi.hoisted(() => ({ token: undefined as string | undefined, ip: "203.0.113.9" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (request.token ? { name, value: request.token } : undefined) }),
  headers: async () => new Headers({ "x-relay-client-ip": request.ip }),
}));

let ws: TestWorkspace;
let other: TestWorkspace;
let rep: User;
let manager: User;
let injector: User;

async function signIn(tenantId: string, userId: string, restriction: string | null = null) {
  const { token } = await createSession({
    tenantId,
    userId,
    policy: { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 },
    restriction,
    ip: request.ip,
    userAgent: "vitest",
  });
  request.token = token;
}

function get(route: typeof auditExport, slug: string, path: string, query = "") {
  return route(new NextRequest(`http://localhost/${slug}/${path}${query}`), { params: Promise.resolve({ tenant: slug }) });
}

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  [rep, manager, injector] = await Promise.all([
    addMember(ws.tenant.id, "SALES_REP"),
    addMember(ws.tenant.id, "MANAGER"),
    addMember(ws.tenant.id, "SALES_REP", { name: "=HYPERLINK(\"http://evil.example\",\"x\")" }),
  ]);
  await insertEvent({ tenantId: ws.tenant.id, type: "signin.failure", createdAt: new Date("2020-01-01T10:00:00Z"), data: { method: "password", reason: "unknown-user", username: "@SUM(1+1)" } });
  await insertEvent({ tenantId: ws.tenant.id, type: "member.role_changed", createdAt: new Date("2020-01-02T10:00:00Z"), actorUserId: ws.owner.id, targetUserId: injector.id, data: { from: "SALES_REP", to: "MANAGER" } });
  await insertEvent({ tenantId: ws.tenant.id, type: "signin.success", createdAt: new Date("2020-01-03T10:00:00Z"), actorUserId: rep.id, targetUserId: rep.id, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", data: { method: "password" } });
  await insertEvent({ tenantId: other.tenant.id, type: "signin.failure", createdAt: new Date("2020-01-01T11:00:00Z"), data: { username: "other-workspace-secret" } });
});

describe.each([
  ["audit log", auditExport, "audit/export"],
  ["access review", accessReviewExport, "access-review/export"],
])("%s export: refusals", (_name, route, path) => {
  it("401 when signed out", async () => {
    request.token = undefined;
    expect((await get(route, ws.tenant.slug, path)).status).toBe(401);
  });

  it("401 with a session from another workspace", async () => {
    await signIn(other.tenant.id, other.owner.id);
    expect((await get(route, ws.tenant.slug, path)).status).toBe(401);
  });

  it("403 for a Sales rep and a Manager", async () => {
    await signIn(ws.tenant.id, rep.id);
    expect((await get(route, ws.tenant.slug, path)).status).toBe(403);
    await signIn(ws.tenant.id, manager.id);
    expect((await get(route, ws.tenant.slug, path)).status).toBe(403);
  });

  it("403 for an Owner whose session still owes a password change", async () => {
    await signIn(ws.tenant.id, ws.owner.id, "password-change");
    expect((await get(route, ws.tenant.slug, path)).status).toBe(403);
  });

  it("403 for an Owner outside the company network", async () => {
    const fenced = await createWorkspace();
    await systemDb().securityPolicy.upsert({
      where: { tenantId: fenced.tenant.id },
      create: { tenantId: fenced.tenant.id, ipAllowlist: ["10.0.0.0/8"] },
      update: { ipAllowlist: ["10.0.0.0/8"] },
    });
    await signIn(fenced.tenant.id, fenced.owner.id);
    expect((await get(route, fenced.tenant.slug, path)).status).toBe(403);
  });
});

function decode(buffer: ArrayBuffer) {
  const bytes = new Uint8Array(buffer);
  return { bom: [...bytes.slice(0, 3)], text: new TextDecoder("utf-8").decode(bytes) }; // the decoder drops the BOM
}

describe("audit log export", () => {
  it("downloads the filtered log as CSV with English headers, neutralised formulas and a BOM", async () => {
    await signIn(ws.tenant.id, ws.owner.id);
    const response = await get(auditExport, ws.tenant.slug, "audit/export", "?from=2020-01-01&to=2020-01-31");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const today = new Date().toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="audit-${ws.tenant.slug}-${today}.csv"`);
    const { bom, text } = decode(await response.arrayBuffer());
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("Time (UTC),Event type,Event,Actor,Actor email,Target,Target email,Unknown username,IP address,Device,User agent,Details,Data (JSON)");
    expect(lines).toHaveLength(5); // header, three events, and the empty string after the last CRLF
    expect(lines[1]).toMatch(/^2020-01-03T10:00:00.000Z,signin.success,Signed in,/);
    expect(lines[1]).toContain(",Chrome on Windows,");
    expect(lines[2]).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(lines[2]).toContain("Role: Sales rep → Manager");
    expect(lines[3]).toContain(",'@SUM(1+1),");
    expect(text).not.toContain("other-workspace-secret");
  });

  it("applies the type filter", async () => {
    await signIn(ws.tenant.id, ws.owner.id);
    const { text } = decode(await (await get(auditExport, ws.tenant.slug, "audit/export", "?type=signin.failure&from=2020-01-01&to=2020-01-31")).arrayBuffer());
    const rows = text.split("\r\n").slice(1, -1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(",signin.failure,Sign-in failed,");
  });
});

describe("access review export", () => {
  it("downloads one row per member", async () => {
    await signIn(ws.tenant.id, ws.owner.id);
    const response = await get(accessReviewExport, ws.tenant.slug, "access-review/export");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="access-review-${ws.tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const { bom, text } = decode(await response.arrayBuffer());
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines[0]).toBe(
      "Name,Email,Employee number,Role,Status,Last sign-in (UTC),Password changed (UTC),Password age (days),Password expired,Second factors,Passkeys,Locked,Locked until (UTC),Active sessions",
    );
    expect(lines).toHaveLength(1 + 4);
    expect(lines.find((line) => line.includes(injector.email))).toMatch(/^"'=HYPERLINK\(/);
    expect(lines.find((line) => line.includes(rep.email))).toContain(",Sales rep,Active,");
  });
});
