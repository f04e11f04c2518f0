// The dev-only "send my digest now" trigger: off in production (unless the dev mailbox is on), and
// when on, it runs the real digest job for that member once.
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { createWorkspace, emailsTo } from "@/test/factories";
import { POST } from "./route";

function post(email: string) {
  const body = new FormData();
  body.set("email", email);
  return POST(new Request("http://localhost/dev/jobs/run-digest", { method: "POST", body }));
}

afterEach(() => vi.unstubAllEnvs());

describe("POST /dev/jobs/run-digest", () => {
  it("is not there in production without MAILBOX_ENABLED", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("MAILBOX_ENABLED", "");
    const ws = await createWorkspace();
    expect((await post(ws.owner.email)).status).toBe(404);
    expect(await emailsTo(ws.owner.email).then((all) => all.filter((e) => e.template === "daily-digest"))).toEqual([]);
  });

  it("sends the member's digest now through the scheduled job, once", async () => {
    const ws = await createWorkspace();
    await systemDb().task.create({ data: { tenantId: ws.tenant.id, title: "Call the bank", dueAt: new Date(Date.now() - 60_000), assigneeId: ws.owner.id } });
    const response = await post(ws.owner.email);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ members: 1 });
    const digests = (await emailsTo(ws.owner.email)).filter((e) => e.template === "daily-digest");
    expect(digests).toHaveLength(1);
    expect(digests[0].text).toContain("Call the bank");
    expect((await post("")).status).toBe(400);
  });
});
