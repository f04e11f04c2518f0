// The customer export asks for a recent proof of identity first. The server listens on 0.0.0.0
// (npm start binds all addresses), and the request URL a route handler sees carries that address:
// a redirect built from it sent browsers to http://0.0.0.0:3000/…, where they were signed out.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { systemDb } from "@/lib/db/prisma";
import { createSession } from "@/lib/auth/sessions";
import { createWorkspace, type TestWorkspace } from "@/test/factories";
import { guessMapping } from "@/lib/imports/import-fields";
import { GET } from "./route";

const request = vi.hoisted(() => ({ token: undefined as string | undefined, ip: "203.0.113.9" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (request.token ? { name, value: request.token } : undefined) }),
  headers: async () => new Headers({ "x-relay-client-ip": request.ip }),
}));

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createWorkspace();
});

async function signInVerifiedMinutesAgo(minutes: number) {
  const { token, sessionId } = await createSession({
    tenantId: ws.tenant.id,
    userId: ws.owner.id,
    policy: { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 },
    ip: request.ip,
    userAgent: "vitest",
  });
  await systemDb().session.updateMany({ where: { tenantId: ws.tenant.id, id: sessionId }, data: { verifiedAt: new Date(Date.now() - minutes * 60_000) } });
  request.token = token;
}

function exportFrom(origin: string, query: string) {
  return GET(new NextRequest(`${origin}/${ws.tenant.slug}/customers/export${query}`, { headers: { host: "localhost:3000" } }), {
    params: Promise.resolve({ tenant: ws.tenant.slug }),
  });
}

describe("GET /<workspace>/customers/export", () => {
  it("sends a member whose proof is stale to re-verify by a relative address, never the listening one", async () => {
    await signInVerifiedMinutesAgo(11);
    const response = await exportFrom("http://0.0.0.0:3000", "?q=acme");
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).not.toContain("0.0.0.0");
    expect(location.startsWith(`/${ws.tenant.slug}/verify?returnTo=`)).toBe(true);
    const returnTo = new URL(location, "http://browser.example").searchParams.get("returnTo");
    expect(returnTo).toBe(`/${ws.tenant.slug}/customers?q=acme&exportReady=1`);
  });

  it("downloads at once with a recent proof", async () => {
    await signInVerifiedMinutesAgo(1);
    await systemDb().customer.create({
      data: { tenantId: ws.tenant.id, name: "Globex Labels", status: "LEAD", industry: "technology", source: "coldCall", phone: "+8613912345678", ownerId: ws.owner.id },
    });
    const response = await exportFrom("http://0.0.0.0:3000", "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    // What a reader sees in a spreadsheet: labels, not codes, and the phone number without a quote.
    const row = (await response.text()).split("\r\n").find((line) => line.includes("Globex Labels"))!;
    expect(row).toContain(",Lead,Technology,");
    expect(row).toContain("Cold call");
    expect(row).not.toMatch(/LEAD|technology|coldCall|'\+/);
    expect(row).toContain("+86");
  });

  it("names the columns in the member's language, in words the CSV import maps back to the same fields", async () => {
    await signInVerifiedMinutesAgo(1);
    const headerOf = async () => (await (await exportFrom("http://localhost:3000", "")).text()).replace(/^\uFEFF/, "").split("\r\n")[0]!.split(",");
    const english = await headerOf();
    expect(english.slice(0, 6)).toEqual(["ID", "Name", "Status", "Industry", "Company size", "Source"]);
    expect(english).not.toContain("addressLine");
    expect(english).not.toContain("postalCode");
    await systemDb().user.updateMany({ where: { tenantId: ws.tenant.id, id: ws.owner.id }, data: { locale: "zh-CN" } });
    try {
      const chinese = await headerOf();
      expect(chinese.slice(0, 6)).toEqual(["编号", "名称", "状态", "行业", "公司规模", "来源"]);
      for (const header of [english, chinese]) {
        const mapped = guessMapping("customers", header);
        expect(mapped.filter(Boolean)).toEqual(["name", "status", "industry", "size", "source", "website", "phone", "addressLine", "city", "region", "postalCode", "country", "tags", "owner", "notes"]);
      }
    } finally {
      await systemDb().user.updateMany({ where: { tenantId: ws.tenant.id, id: ws.owner.id }, data: { locale: null } });
    }
  });
});
