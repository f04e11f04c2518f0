import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
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

describe("raw SQL on a tenant client", () => {
  let a: { id: string };
  let b: { id: string };
  let inA: { id: string };
  let inB: { id: string };

  beforeAll(async () => {
    const db = systemDb();
    [a, b] = await Promise.all([db.tenant.create({ data: { slug: "sql-a", name: "A" } }), db.tenant.create({ data: { slug: "sql-b", name: "B" } })]);
    [inA, inB] = await Promise.all(
      [a, b].map((tenant) => db.user.create({ data: { tenantId: tenant.id, email: `sql@${tenant.id}.test`, name: "Same", passwordHash: "h", role: "OWNER" } })),
    );
  });

  it("has no $queryRaw or $executeRaw: they are not in its type, and reached through a cast they throw", async () => {
    const db = tenantDb(a.id);
    // @ts-expect-error raw SQL on a tenant client would look scoped and reach every workspace
    expect(() => db.$queryRaw`SELECT "id" FROM "User"`).toThrow(/not scoped to a workspace/);
    // @ts-expect-error likewise
    expect(() => db.$executeRaw`UPDATE "User" SET "name" = 'Hacked'`).toThrow(/not scoped to a workspace/);
    // @ts-expect-error likewise
    expect(() => db.$queryRawUnsafe('SELECT "id" FROM "User"')).toThrow(/not scoped to a workspace/);
    // @ts-expect-error likewise
    expect(() => db.$executeRawUnsafe(`UPDATE "User" SET "name" = 'Hacked'`)).toThrow(/not scoped to a workspace/);
    // @ts-expect-error $extends would hand them back
    expect(() => db.$extends({})).toThrow(/not scoped to a workspace/);
    const cast = db as unknown as { $queryRaw: (sql: Prisma.Sql) => Promise<unknown> };
    expect(() => cast.$queryRaw(Prisma.sql`SELECT 1`)).toThrow(/not scoped to a workspace/);
    await db.$transaction(async (tx) => {
      // @ts-expect-error nor inside its transactions
      expect(() => tx.$queryRaw`SELECT "id" FROM "User"`).toThrow(/not scoped to a workspace/);
      // @ts-expect-error likewise
      expect(() => tx.$executeRaw`UPDATE "User" SET "name" = 'Hacked'`).toThrow(/not scoped to a workspace/);
    });
    expect((await systemDb().user.findFirstOrThrow({ where: { id: inB.id } })).name).toBe("Same");
  });

  it("runs a statement that binds the workspace handed to it, and sees that workspace's rows only", async () => {
    const db = tenantDb(a.id);
    const rows = await db.$tenantQuery<{ id: string }[]>((tenant) => Prisma.sql`SELECT "id" FROM "User" WHERE "tenantId" = ${tenant} AND "name" = ${"Same"}`);
    expect(rows).toEqual([{ id: inA.id }]);
    const renamed = await db.$transaction((tx) => tx.$tenantExecute((tenant) => Prisma.sql`UPDATE "User" SET "name" = 'Renamed' WHERE "tenantId" = ${tenant} AND "name" = 'Same'`));
    expect(renamed).toBe(1);
    expect((await systemDb().user.findFirstOrThrow({ where: { id: inB.id } })).name).toBe("Same");
    await db.$tenantExecute((tenant) => Prisma.sql`UPDATE "User" SET "name" = 'Same' WHERE "tenantId" = ${tenant}`);
  });

  it("refuses, before sending it, a statement that forgets the workspace or names another", async () => {
    const db = tenantDb(a.id);
    expect(() => db.$tenantQuery(() => Prisma.sql`SELECT "id" FROM "User" WHERE "name" = ${"Same"}`)).toThrow(/must bind the workspace/);
    expect(() => db.$tenantExecute(() => Prisma.sql`UPDATE "User" SET "name" = 'Hacked' WHERE "tenantId" = ${b.id}`)).toThrow(/must bind the workspace/);
    // The workspace's id spliced into the text instead of bound is not a bound id either.
    expect(() => db.$tenantExecute(() => Prisma.raw(`UPDATE "User" SET "name" = 'Hacked' WHERE "tenantId" = '${a.id}'`))).toThrow(/must bind the workspace/);
    await expect(db.$transaction(async (tx) => tx.$tenantExecute(() => Prisma.sql`UPDATE "User" SET "name" = 'Hacked'`))).rejects.toThrow(/must bind the workspace/);
    const names = await systemDb().user.findMany({ where: { id: { in: [inA.id, inB.id] } }, select: { name: true } });
    expect(names.map((user) => user.name)).toEqual(["Same", "Same"]);
  });

  it("lends its transactions a door to the schedule that opens on ScheduledJob alone", async () => {
    const key = `tenant-db-test:${a.id}`;
    await tenantDb(a.id).$transaction(async (tx) => {
      const added = await tx.$writeSchedule(
        Prisma.sql`INSERT INTO "ScheduledJob" ("id", "tenantId", "kind", "dedupeKey", "runAt", "payload") VALUES (${key}, ${a.id}, 'sweep', ${key}, now(), '{}'::jsonb)`,
      );
      expect(added).toBe(1);
      expect(() => tx.$writeSchedule(Prisma.sql`UPDATE "User" SET "name" = 'Hacked'`)).toThrow(/"ScheduledJob" alone/);
      expect(() => tx.$writeSchedule(Prisma.sql`DELETE FROM "ScheduledJob" WHERE "id" IN (SELECT "id" FROM "User")`)).toThrow(/"ScheduledJob" alone/);
      expect(() => tx.$writeSchedule(Prisma.sql`UPDATE "ScheduledJob" j SET "kind" = 'sweep' FROM "User" u`)).toThrow(/"ScheduledJob" alone/);
      expect(() => tx.$writeSchedule(Prisma.sql`DELETE FROM "ScheduledJob" j USING "ScheduledJob" k, "User" u WHERE j."id" = u."id"`)).toThrow(/"ScheduledJob" alone/);
    });
    // @ts-expect-error the door is a transaction's: a job written outside one commits apart from its record
    expect(tenantDb(a.id).$writeSchedule).toBeUndefined();
    await systemDb().$executeRaw`DELETE FROM "ScheduledJob" WHERE "dedupeKey" = ${key}`;
  });
});

describe("the schedule's door", () => {
  it("is used by lib/jobs/schedule.ts alone", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) return entry === "generated" ? [] : sources(full);
        return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
      });
    const users = ["app", "lib", "components"]
      .flatMap((dir) => sources(path.join(root, dir)))
      .filter((file) => readFileSync(file, "utf8").includes("$writeSchedule"))
      .map((file) => path.relative(root, file));
    expect(users.sort()).toEqual(["lib/db/tenant-db.ts", "lib/jobs/schedule.ts"]);
  });
});
