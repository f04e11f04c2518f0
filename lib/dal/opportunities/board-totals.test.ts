// The board's totals rollup (OpportunityStageTotal, kept by triggers) against the opportunities
// themselves: after every kind of write — create, move, edit amount / currency / owner / customer,
// trash, a customer trashed, restored, given to another owner, purged, records transferred, and
// writes racing each other — the rollup holds exactly what summing the live rows gives, and the
// board built from it shows the same numbers as one built by summing. Another workspace's totals
// never show.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from "../customers/write-customer";
import { getCustomer } from "../customers/get-customer";
import { transferRecords } from "../tasks/transfer-records";
import { purgeExpiredTrash } from "../customers/trash";
import { createOpportunity, deleteOpportunity, updateOpportunity } from "./write-opportunity";
import { moveOpportunity } from "./move-opportunity";
import { getOpportunity } from "./get-opportunity";
import { listBoard } from "./list-opportunities";

let ws: TestWorkspace;
let owner: MemberContext;
let rep: MemberContext;
let stages: { id: string; name: string }[];

beforeAll(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  stages = await systemDb().pipelineStage.findMany({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } });
});

type Row = { stageId: string; currency: string; ownerId: string; customerOwnerId: string; count: number; amount: string };

/** What the rollup holds for the workspace (zero rows left out), in a stable order. */
async function rollup(tenantId = ws.tenant.id): Promise<Row[]> {
  return systemDb().$queryRaw<Row[]>`
    SELECT "stageId", "currency", "ownerId", "customerOwnerId", "count", ("amount"::numeric(30, 4))::text AS "amount"
    FROM "OpportunityStageTotal" WHERE "tenantId" = ${tenantId} AND "count" <> 0
    ORDER BY 1, 2, 3, 4`;
}

/** The same figures summed from the live opportunities on live customers: the oracle. */
async function summed(tenantId = ws.tenant.id): Promise<Row[]> {
  return systemDb().$queryRaw<Row[]>`
    SELECT o."stageId", o."currency", o."ownerId", c."ownerId" AS "customerOwnerId", count(*)::int AS "count", (sum(o."amount")::numeric(30, 4))::text AS "amount"
    FROM "Opportunity" o JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
    WHERE o."tenantId" = ${tenantId} AND o."deletedAt" IS NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
}

async function expectInStep() {
  expect(await rollup()).toEqual(await summed());
}

async function customer(ctx: MemberContext, name: string, ownerId = ctx.user.id) {
  const made = await createCustomer(ctx, customerInputSchema.parse({ name, ownerId }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function opportunity(ctx: MemberContext, customerId: string, amount: string, currency = "USD", stage = 0) {
  const made = await createOpportunity(ctx, { title: `Deal ${amount}`, customerId, currency, amount, stageId: stages[stage]!.id });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

/** Every column's count and totals, as the board shows them. */
async function boardFigures(ctx: MemberContext, query: Parameters<typeof listBoard>[1] = {}) {
  return (await listBoard(ctx, query)).map((column) => ({ stage: column.stage.name, count: column.count, totals: column.totals }));
}

describe("the board totals rollup", () => {
  it("stays equal to the summed opportunities through every kind of write", async () => {
    const acme = await customer(owner, "Acme");
    const globex = await customer(owner, "Globex");
    const repCustomer = await customer(rep, "Rep's Own");
    await expectInStep();

    const first = await opportunity(owner, acme, "1000.50");
    const second = await opportunity(owner, acme, "250", "EUR", 1);
    const third = await opportunity(rep, repCustomer, "99.99");
    const yen = await opportunity(owner, globex, "120000", "JPY", 2);
    await expectInStep();

    expect((await moveOpportunity(owner, { id: first, stageId: stages[3]!.id })).ok).toBe(true);
    await expectInStep();

    const opened = (await getOpportunity(owner, second))!;
    const edited = await updateOpportunity(owner, {
      id: second,
      version: opened.version,
      title: "Deal 250",
      customerId: globex,
      currency: "GBP",
      amount: "300.25",
      stageId: opened.stageId,
      probability: "20",
      ownerId: rep.user.id,
    });
    expect(edited.ok).toBe(true);
    await expectInStep();

    expect((await deleteOpportunity(owner, third)).ok).toBe(true);
    await expectInStep();

    // A customer in the trash takes its opportunities off the board; restored, they come back.
    expect((await deleteCustomer(owner, globex)).ok).toBe(true);
    await expectInStep();
    expect((await restoreCustomer(owner, globex)).ok).toBe(true);
    await expectInStep();

    // The customer's new owner is the key a Sales rep's board reads.
    const acmeNow = (await getCustomer(owner, acme))!;
    expect((await updateCustomer(owner, acme, acmeNow.version, customerInputSchema.parse({ name: "Acme", ownerId: rep.user.id }))).ok).toBe(true);
    await expectInStep();

    const transfer = await transferRecords(owner, rep.user.id, owner.user.id, TEST_META);
    expect(transfer.ok).toBe(true);
    await expectInStep();

    // One statement changing many rows in different ways, as a bulk action does: one customer
    // changes owner while another goes to the trash; then every amount changes and nothing else
    // (the same keys, so only the amounts move).
    await systemDb().$executeRaw`
      UPDATE "Customer" SET "ownerId" = CASE WHEN name = 'Acme' THEN ${rep.user.id} ELSE "ownerId" END,
        "deletedAt" = CASE WHEN name = 'Rep''s Own' THEN now() ELSE "deletedAt" END
      WHERE "tenantId" = ${ws.tenant.id}`;
    await expectInStep();
    await systemDb().$executeRaw`UPDATE "Opportunity" SET amount = amount + 7.25 WHERE "tenantId" = ${ws.tenant.id}`;
    await expectInStep();

    // Purged from the trash: the customer and its opportunities are deleted for good.
    expect((await deleteCustomer(owner, globex)).ok).toBe(true);
    await purgeExpiredTrash(new Date(Date.now() + 31 * 24 * 3600 * 1000));
    expect(await systemDb().opportunity.count({ where: { tenantId: ws.tenant.id, id: yen } })).toBe(0);
    await expectInStep();
    expect((await rollup()).length).toBeGreaterThan(0);
  });

  it("counts exactly when writes race: many opportunities at once, and a customer changing owner meanwhile", async () => {
    const busy = await customer(owner, "Busy Co");
    await Promise.all(Array.from({ length: 12 }, (_, i) => opportunity(owner, busy, String(i + 1))));
    await expectInStep();
    const opened = (await getCustomer(owner, busy))!;
    await Promise.all([
      updateCustomer(owner, busy, opened.version, customerInputSchema.parse({ name: "Busy Co", ownerId: rep.user.id })),
      ...Array.from({ length: 6 }, (_, i) => opportunity(owner, busy, `${i + 100}`, "EUR", 1)),
      moveOpportunity(owner, { id: (await systemDb().opportunity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, customerId: busy } })).id, stageId: stages[2]!.id }),
    ]);
    await expectInStep();
  });

  it("gives the same board as summing, for everyone, a restricted Sales rep and an owner filter", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    // A close-date filter takes the summing path; with every opportunity closing before it, both
    // paths count the same opportunities.
    await systemDb().opportunity.updateMany({ where: { tenantId: ws.tenant.id }, data: { expectedCloseDate: new Date("2027-01-01") } });
    for (const [ctx, query] of [
      [owner, {}],
      [rep, {}],
      [owner, { owner: rep.user.id }],
      [rep, { owner: "me" }],
    ] as const) {
      expect(await boardFigures(ctx, query)).toEqual(await boardFigures(ctx, { ...query, closeTo: "9999-12-31" }));
    }
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
  });

  it("lets a workspace with opportunities be deleted, its totals with it", async () => {
    const doomed = await createWorkspace();
    const doomedOwner = memberContext(doomed.owner, doomed.tenant);
    const doomedStage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: doomed.tenant.id } });
    const made = await createCustomer(doomedOwner, customerInputSchema.parse({ name: "Going", ownerId: doomedOwner.user.id }));
    if (!made.ok) throw new Error("setup");
    expect((await createOpportunity(doomedOwner, { title: "Gone", customerId: made.id, currency: "USD", amount: "5", stageId: doomedStage.id })).ok).toBe(true);
    expect(await rollup(doomed.tenant.id)).toHaveLength(1);
    await systemDb().task.deleteMany({ where: { tenantId: doomed.tenant.id } });
    await systemDb().tenant.delete({ where: { id: doomed.tenant.id } });
    expect(await rollup(doomed.tenant.id)).toEqual([]);
  });

  it("never shows another workspace's totals", async () => {
    const other = await createWorkspace();
    const stranger = memberContext(other.owner, other.tenant);
    const board = await listBoard(stranger, {});
    expect(board.every((column) => column.count === 0 && column.totals.length === 0)).toBe(true);
    expect(await rollup(other.tenant.id)).toEqual([]);
    expect((await rollup()).length).toBeGreaterThan(0);
  });
});
