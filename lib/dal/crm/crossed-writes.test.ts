// No write is lost to a deadlock. The rollup triggers (migrations …_report_rollups, …_board_totals)
// read a customer FOR SHARE before counting its opportunities and activities, and keep counters
// that many writes update; two transactions taking those locks in opposite orders deadlock, and
// PostgreSQL aborts one of them (SQLSTATE 40P01). The DAL's transactions (lib/db/tenant-db.ts)
// run again when that happens (lib/db/transaction-retry.ts), so both writes land.
//
// First with the lock order forced: each transaction locks one customer, waits until the other
// has locked the other one, then writes something whose trigger needs the other's customer.
// Without the retry every round deadlocks and one write fails. Then the real DAL calls, racing on
// several connections for many rounds: owner changes, stage moves in opposite directions, logged
// activities and the trash, on the same customers; every call must succeed and the rollups must
// end up exactly what the rows say.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { tenantDb } from "@/lib/db/tenant-db";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from "../customers/write-customer";
import { createOpportunity } from "../opportunities/write-opportunity";
import { moveOpportunity } from "../opportunities/move-opportunity";
import { createActivity } from "../activities/activities";

let ws: TestWorkspace;
let owner: MemberContext;
let repA: MemberContext;
let repB: MemberContext;
let stages: { id: string }[];

beforeAll(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  repA = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  repB = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  stages = await systemDb().pipelineStage.findMany({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" }, select: { id: true } });
});

async function customer(name: string, ownerId: string) {
  const made = await createCustomer(owner, customerInputSchema.parse({ name, ownerId }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function opportunity(customerId: string, stage: number) {
  const made = await createOpportunity(owner, { title: `Deal ${stage}`, customerId, currency: "USD", amount: "100", stageId: stages[stage]!.id, ownerId: ws.owner.id });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

/** Both sides must reach it before either goes on; once open it stays open (a retried attempt passes straight through). */
function meetingPoint() {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    arrived += 1;
    if (arrived === 2) open();
    await opened;
  };
}

/** The board totals and the activity rollup, each beside the same figures counted from the rows. */
async function rollupsAndRows() {
  const db = systemDb();
  const board = await db.$queryRaw<{ key: string; count: number; amount: string }[]>`
    SELECT concat_ws('/', "stageId", "currency", "ownerId", "customerOwnerId") AS key, "count", "amount"::numeric(30, 4)::text AS amount
    FROM "OpportunityStageTotal" WHERE "tenantId" = ${ws.tenant.id} AND "count" <> 0 ORDER BY 1`;
  const boardRows = await db.$queryRaw<{ key: string; count: number; amount: string }[]>`
    SELECT concat_ws('/', o."stageId", o."currency", o."ownerId", c."ownerId") AS key, count(*)::int AS count, sum(o."amount")::numeric(30, 4)::text AS amount
    FROM "Opportunity" o JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
    WHERE o."tenantId" = ${ws.tenant.id} AND o."deletedAt" IS NULL GROUP BY 1 ORDER BY 1`;
  const activities = await db.$queryRaw<{ key: string; count: number }[]>`
    SELECT concat_ws('/', "day", "ownerId", "customerOwnerId", "type") AS key, sum("count")::int AS count
    FROM "ReportActivityDay" WHERE "tenantId" = ${ws.tenant.id} GROUP BY 1 HAVING sum("count") <> 0 ORDER BY 1`;
  const activityRows = await db.$queryRaw<{ key: string; count: number }[]>`
    SELECT concat_ws('/', a."occurredAt"::date, a."ownerId", c."ownerId", a."type") AS key, count(*)::int AS count
    FROM "Activity" a JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
    WHERE a."tenantId" = ${ws.tenant.id} AND a."deletedAt" IS NULL GROUP BY 1 ORDER BY 1`;
  return { rollups: { board, activities }, rows: { board: boardRows, activities: activityRows } };
}

describe("writes that lock the same customers in opposite orders", () => {
  it("both commit when PostgreSQL picks one as the deadlock victim: the victim runs again", async () => {
    const first = await customer("Crossed First", repA.user.id);
    const second = await customer("Crossed Second", repA.user.id);
    const db = tenantDb(ws.tenant.id);
    const rounds = 3;
    let attempts = 0;

    for (let round = 0; round < rounds; round++) {
      const bothLocked = meetingPoint();
      const newOwner = round % 2 === 0 ? repB.user.id : repA.user.id;
      // Owner change of `first`, then a deal on `second` (its trigger reads `second` FOR SHARE)…
      const dealOnSecond = db.$transaction(async (tx) => {
        attempts += 1;
        await tx.customer.updateMany({ where: { id: first }, data: { ownerId: newOwner } });
        await bothLocked();
        return tx.opportunity.create({
          data: { tenantId: ws.tenant.id, title: `Crossed ${round}`, customerId: second, stageId: stages[0]!.id, probability: 10, ownerId: ws.owner.id, amount: "5" },
          select: { id: true },
        });
      });
      // …against the owner change of `second`, then a call logged on `first`.
      const callOnFirst = db.$transaction(async (tx) => {
        attempts += 1;
        await tx.customer.updateMany({ where: { id: second }, data: { ownerId: newOwner } });
        await bothLocked();
        return tx.activity.create({
          data: { tenantId: ws.tenant.id, type: "CALL", subject: `Crossed ${round}`, occurredAt: new Date(), customerId: first, ownerId: ws.owner.id },
          select: { id: true },
        });
      });
      const [deal, call] = await Promise.all([dealOnSecond, callOnFirst]);
      expect(await systemDb().opportunity.count({ where: { tenantId: ws.tenant.id, id: deal.id } })).toBe(1);
      expect(await systemDb().activity.count({ where: { tenantId: ws.tenant.id, id: call.id } })).toBe(1);
      const owners = await systemDb().customer.findMany({ where: { tenantId: ws.tenant.id, id: { in: [first, second] } }, select: { ownerId: true } });
      expect(owners.map((row) => row.ownerId)).toEqual([newOwner, newOwner]);
    }
    // Every round did deadlock (one side ran twice), and nothing was lost to it.
    expect(attempts).toBeGreaterThanOrEqual(rounds * 2 + rounds);
    const { rollups, rows } = await rollupsAndRows();
    expect(rollups).toEqual(rows);
  }, 60_000);

  it("racing DAL writes on several connections, many rounds: every one succeeds and the rollups stay exact", async () => {
    const east = await customer("Race East", repA.user.id);
    const west = await customer("Race West", repB.user.id);
    const trashed = await customer("Race Trash", repA.user.id);
    // Same stage, currency and owner everywhere, so the writes share the rollups' counter rows.
    const eastDeal = await opportunity(east, 0);
    const westDeal = await opportunity(west, 1);
    await opportunity(trashed, 0);
    await opportunity(trashed, 1);
    const rounds = 12;

    for (let round = 0; round < rounds; round++) {
      const versions = await systemDb().customer.findMany({ where: { tenantId: ws.tenant.id, id: { in: [east, west] } }, select: { id: true, version: true, ownerId: true } });
      const version = (id: string) => versions.find((row) => row.id === id)!;
      const dealVersions = await systemDb().opportunity.findMany({ where: { tenantId: ws.tenant.id, id: { in: [eastDeal, westDeal] } }, select: { id: true, version: true } });
      const dealVersion = (id: string) => dealVersions.find((row) => row.id === id)!.version;
      // The two customers swap owners, the two deals swap stages, both get a call, the third customer goes in or out of the trash.
      const results = await Promise.all([
        updateCustomer(owner, east, version(east).version, customerInputSchema.parse({ name: "Race East", ownerId: version(west).ownerId }), { confirmDuplicate: true }),
        updateCustomer(owner, west, version(west).version, customerInputSchema.parse({ name: "Race West", ownerId: version(east).ownerId }), { confirmDuplicate: true }),
        moveOpportunity(owner, { id: eastDeal, stageId: stages[(round + 1) % 2]!.id, version: dealVersion(eastDeal) }),
        moveOpportunity(owner, { id: westDeal, stageId: stages[round % 2]!.id, version: dealVersion(westDeal) }),
        createActivity(owner, { type: "CALL", subject: `East ${round}`, occurredAt: "2026-11-01T10:00", customerId: west, opportunityId: westDeal }, { timeZone: "UTC" }),
        createActivity(owner, { type: "MEETING", subject: `West ${round}`, occurredAt: "2026-11-02T10:00", customerId: east, opportunityId: eastDeal }, { timeZone: "UTC" }),
        round % 2 === 0 ? deleteCustomer(owner, trashed) : restoreCustomer(owner, trashed),
      ]);
      for (const result of results) expect(result).toMatchObject({ ok: true });
    }

    expect(await systemDb().activity.count({ where: { tenantId: ws.tenant.id, subject: { startsWith: "East " } } })).toBe(rounds);
    expect(await systemDb().activity.count({ where: { tenantId: ws.tenant.id, subject: { startsWith: "West " } } })).toBe(rounds);
    expect(await systemDb().opportunity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: eastDeal }, select: { version: true } })).toEqual({ version: 1 + rounds });
    const { rollups, rows } = await rollupsAndRows();
    expect(rollups).toEqual(rows);
  }, 120_000);
});
