import { describe, expect, it } from "vitest";
import { systemDb } from "./prisma";
import { tenantDb } from "./tenant-db";

describe("tenantDb", () => {
  it("confines reads and writes to its own workspace", async () => {
    const db = systemDb();
    const a = await db.tenant.create({ data: { slug: "scope-a", name: "A" } });
    const b = await db.tenant.create({ data: { slug: "scope-b", name: "B" } });
    const inB = await db.user.create({
      data: { tenantId: b.id, email: "x@b.test", name: "X", passwordHash: "h", role: "OWNER" },
    });
    const scopedA = tenantDb(a.id);
    expect(await scopedA.user.findFirst({ where: { id: inB.id } })).toBeNull();
    expect(await scopedA.user.findMany()).toEqual([]);
    const updated = await scopedA.user.updateMany({ where: { id: inB.id }, data: { name: "Hacked" } });
    expect(updated.count).toBe(0);
    const created = await scopedA.user.create({
      data: { tenantId: b.id, email: "y@a.test", name: "Y", passwordHash: "h", role: "ADMIN" },
    });
    expect(created.tenantId).toBe(a.id);
  });
});
