// Bulk actions on opportunities: a new stage writes what moving one card writes (the stage-change
// row, the probability, closedAt, the field history) and keeps the board's totals rollup equal to
// the summed records; a Sales rep reaches only what they may edit; another workspace's ids change
// nothing; "all matching" follows the table's filters; one audit entry per action.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { createCustomer } from "../customers/write-customer";
import { createOpportunity } from "./write-opportunity";
import { bulkUpdateOpportunities } from "./bulk-update-opportunities";
import { listOpportunities, parseOpportunityListQuery } from "./list-opportunities";

let ws: TestWorkspace;
let other: TestWorkspace;
let owner: MemberContext;
let rep: MemberContext;
let rep2: MemberContext;
let viewer: MemberContext;
let outsider: MemberContext;
let stages: { id: string; name: string; kind: string; probability: number }[];

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  rep2 = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
  outsider = memberContext(other.owner, other.tenant);
  stages = await systemDb().pipelineStage.findMany({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } });
});

async function customer(ctx: MemberContext, name: string) {
  const made = await createCustomer(ctx, customerInputSchema.parse({ name, ownerId: ctx.user.id }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function opportunity(ctx: MemberContext, customerId: string, title: string, amount = "100") {
  const stageId = (await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: ctx.tenant.id }, orderBy: { position: "asc" } })).id;
  const made = await createOpportunity(ctx, { title, customerId, currency: "USD", amount, stageId });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function row(id: string) {
  return systemDb().opportunity.findFirstOrThrow({ where: { id } });
}

/** The board rollup against the live records (as board-totals.test.ts checks it). */
async function expectRollupInStep() {
  const rollup = await systemDb().$queryRaw<unknown[]>`
    SELECT "stageId", "currency", "ownerId", "customerOwnerId", "count", ("amount"::numeric(30, 4))::text AS "amount"
    FROM "OpportunityStageTotal" WHERE "tenantId" = ${ws.tenant.id} AND "count" <> 0 ORDER BY 1, 2, 3, 4`;
  const summed = await systemDb().$queryRaw<unknown[]>`
    SELECT o."stageId", o."currency", o."ownerId", c."ownerId" AS "customerOwnerId", count(*)::int AS "count", (sum(o."amount")::numeric(30, 4))::text AS "amount"
    FROM "Opportunity" o JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
    WHERE o."tenantId" = ${ws.tenant.id} AND o."deletedAt" IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  expect(rollup).toEqual(summed);
}

describe("bulk stage and owner changes", () => {
  it("moves the selection to a stage as moving each card would, rollup included", async () => {
    const acme = await customer(owner, "Acme Bulk");
    const ids = [await opportunity(owner, acme, "Bulk A", "100"), await opportunity(owner, acme, "Bulk B", "250.50")];
    const won = stages.find((stage) => stage.kind === "WON")!;
    const lost = stages.find((stage) => stage.kind === "LOST")!;
    const before = (await auditEvents(ws.tenant.id, "records.bulk_changed")).length;

    const result = await bulkUpdateOpportunities(owner, { ids: [...ids, ids[0]!] }, { kind: "stage", stageId: won.id }, TEST_META);
    expect(result).toEqual({ ok: true, changed: 2, skipped: { notFound: 0, unchanged: 0, tagsFull: 0 } });
    const moved = await row(ids[0]!);
    expect(moved).toMatchObject({ stageId: won.id, probability: won.probability, version: 2 });
    expect(moved.closedAt).not.toBeNull();
    const changes = await systemDb().opportunityStageChange.findMany({ where: { tenantId: ws.tenant.id, opportunityId: ids[0] }, orderBy: { changedAt: "asc" } });
    expect(changes.map((change) => [change.fromStageId, change.toStageId])).toEqual([[null, stages[0]!.id], [stages[0]!.id, won.id]]);
    const history = await systemDb().recordChange.findFirstOrThrow({ where: { tenantId: ws.tenant.id, entityId: ids[0], action: "stage-changed" } });
    expect(history.changes).toEqual({ stageId: { from: stages[0]!.id, to: won.id }, probability: { from: stages[0]!.probability, to: won.probability } });
    await expectRollupInStep();

    // Already there: left alone, and said so.
    expect(await bulkUpdateOpportunities(owner, { ids }, { kind: "stage", stageId: won.id }, TEST_META)).toMatchObject({ ok: true, changed: 0, skipped: { unchanged: 2 } });
    // Lost needs a reason, as on the board.
    expect(await bulkUpdateOpportunities(owner, { ids }, { kind: "stage", stageId: lost.id }, TEST_META)).toEqual({ ok: false, reason: "lostReasonRequired" });
    expect(await bulkUpdateOpportunities(owner, { ids }, { kind: "stage", stageId: lost.id, lostReason: "Budget cut" }, TEST_META)).toMatchObject({ ok: true, changed: 2 });
    expect(await row(ids[1]!)).toMatchObject({ stageId: lost.id, lostReason: "Budget cut" });
    // A stage of another workspace is no stage.
    const theirStage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: other.tenant.id } });
    expect(await bulkUpdateOpportunities(owner, { ids }, { kind: "stage", stageId: theirStage.id }, TEST_META)).toEqual({ ok: false, reason: "stageInvalid" });

    expect(await bulkUpdateOpportunities(owner, { ids }, { kind: "owner", ownerId: rep.user.id }, TEST_META)).toMatchObject({ ok: true, changed: 2 });
    expect((await row(ids[0]!)).ownerId).toBe(rep.user.id);
    await expectRollupInStep();
    // A read-only member can't own records.
    expect(await bulkUpdateOpportunities(owner, { ids }, { kind: "owner", ownerId: viewer.user.id }, TEST_META)).toEqual({ ok: false, reason: "ownerInvalid" });

    const events = (await auditEvents(ws.tenant.id, "records.bulk_changed")).slice(before);
    expect(events.map((event) => (event.data as { changed: number }).changed)).toEqual([2, 0, 2, 2]);
    expect(events[0]!.data).toMatchObject({ what: "opportunities", action: "stage", value: won.name });
  });

  it("lets a restricted Sales rep change only what they may edit, by id or by filter; another workspace's ids change nothing", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    try {
      const repCustomer = await customer(rep, "Rep Co");
      const mine = await opportunity(rep, repCustomer, "Rep Deal");
      const rep2Customer = await customer(rep2, "Rep2 Co");
      const theirs = await opportunity(rep2, rep2Customer, "Rep2 Deal");
      const outside = await opportunity(outsider, await customer(outsider, "Outside Co"), "Outside Deal");
      const qualify = stages[1]!;

      const result = await bulkUpdateOpportunities(rep, { ids: [mine, theirs, outside] }, { kind: "stage", stageId: qualify.id }, TEST_META);
      expect(result).toEqual({ ok: true, changed: 1, skipped: { notFound: 2, unchanged: 0, tagsFull: 0 } });
      expect((await row(theirs)).stageId).toBe(stages[0]!.id);
      expect((await row(outside)).version).toBe(1);

      // "Select all N matching" offers the table's own count, which only holds what the rep may see.
      expect((await listOpportunities(rep, parseOpportunityListQuery({ q: "Deal", view: "table" }).query)).total).toEqual({ count: 1, exact: true });
      const all = await bulkUpdateOpportunities(rep, { filters: { q: "Deal" } }, { kind: "owner", ownerId: rep.user.id }, TEST_META);
      expect(all).toMatchObject({ ok: true, changed: 0, skipped: { unchanged: 1 } });
      expect((await row(theirs)).ownerId).toBe(rep2.user.id);
      await expectRollupInStep();
    } finally {
      await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
    }
  });
});
