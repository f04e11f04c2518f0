// The DAL's transactions run again when PostgreSQL aborts one as a deadlock victim, whichever kind
// of statement hit the deadlock, and only then; a conflict that keeps coming back is given up on
// after TRANSACTION_ATTEMPTS runs rather than retried forever. (The rollup triggers' real deadlocks
// are driven in lib/dal/crm/crossed-writes.test.ts.)
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { systemDb } from "./prisma";
import { tenantDb } from "./tenant-db";
import { TRANSACTION_ATTEMPTS, isTransactionConflict } from "./transaction-retry";
import { createWorkspace, type TestWorkspace } from "@/test/factories";

let ws: TestWorkspace;
let customers: string[];

beforeAll(async () => {
  ws = await createWorkspace();
  customers = await Promise.all(
    ["Left", "Right"].map(async (name) => (await systemDb().customer.create({ data: { tenantId: ws.tenant.id, name, ownerId: ws.owner.id }, select: { id: true } })).id),
  );
});

describe("tenantDb transactions", () => {
  it("a deadlock hit by a raw statement (Prisma's P2010 carrying 40P01) is run again too", async () => {
    const db = tenantDb(ws.tenant.id);
    let arrived = 0;
    let open!: () => void;
    const bothLocked = new Promise<void>((resolve) => (open = resolve));
    let runs = 0;
    const lockInOrder = (order: string[]) =>
      db.$transaction(async (tx) => {
        runs += 1;
        await tx.$tenantQuery((tenant) => Prisma.sql`SELECT 1 FROM "Customer" WHERE "tenantId" = ${tenant} AND "id" = ${order[0]} FOR UPDATE`);
        if (++arrived === 2) open();
        await bothLocked;
        await tx.$tenantQuery((tenant) => Prisma.sql`SELECT 1 FROM "Customer" WHERE "tenantId" = ${tenant} AND "id" = ${order[1]} FOR UPDATE`);
        return order[0];
      });
    expect(await Promise.all([lockInOrder(customers), lockInOrder([...customers].reverse())])).toEqual([customers[0], customers[1]]);
    expect(runs).toBe(3);
  }, 30_000);

  it("any other failure is not run again", async () => {
    let runs = 0;
    await expect(
      tenantDb(ws.tenant.id).$transaction(async (tx) => {
        runs += 1;
        await tx.customer.create({ data: { tenantId: ws.tenant.id, name: "Duplicate id", ownerId: ws.owner.id, id: customers[0] } });
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(runs).toBe(1);
  });

  it("a conflict every time is given up after TRANSACTION_ATTEMPTS runs, with the conflict as the error", async () => {
    let runs = 0;
    const conflict = Object.assign(new Error("Transaction failed due to a write conflict or a deadlock"), { code: "P2034" });
    await expect(
      tenantDb(ws.tenant.id).$transaction(async () => {
        runs += 1;
        throw conflict;
      }),
    ).rejects.toBe(conflict);
    expect(runs).toBe(TRANSACTION_ATTEMPTS);
  });

  it("recognises deadlocks and serialization failures, nothing else", () => {
    expect(isTransactionConflict({ code: "P2034" })).toBe(true);
    expect(isTransactionConflict({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "40001" } } } })).toBe(true);
    expect(isTransactionConflict({ code: "40P01" })).toBe(true);
    expect(isTransactionConflict({ code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23505" } } } })).toBe(false);
    expect(isTransactionConflict({ code: "P2002" })).toBe(false);
    expect(isTransactionConflict(new Error("40P01"))).toBe(false);
    expect(isTransactionConflict(null)).toBe(false);
  });
});
