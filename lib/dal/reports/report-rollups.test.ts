// The rollups behind the conversion funnel and "activities per owner per week"
// (prisma/migrations/20261129060000_report_rollups) against the raw computation, after every kind
// of write: through the DAL (activities, opportunities, stage moves, the trash, restore, transfer,
// the pipeline editor, the CSV import), with plain SQL, and concurrently. Two oracles, both
// independent of the triggers:
//   - the rollup tables equal a GROUP BY over the live rows, recomputed from scratch;
//   - each rollup-backed report equals the same report computed from the rows (the *RawSql
//     statements), for an Admin and for Sales reps restricted to their own records, in UTC, a
//     DST zone on each side of the Atlantic, a half-hour zone and a 45-minute zone, with and
//     without the owner filter, on ranges that start and end mid-week.
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import type { ActivityType } from "@/lib/generated/prisma/enums";
import type { MemberContext } from "../context";
import { createActivity, deleteActivity, updateActivity } from "../activities/activities";
import { createOpportunity, deleteOpportunity, updateOpportunity } from "../opportunities/write-opportunity";
import { moveOpportunity } from "../opportunities/move-opportunity";
import { deleteCustomer, restoreCustomer } from "../customers/write-customer";
import { purgeExpiredTrash } from "../customers/trash";
import { transferRecords } from "../tasks/transfer-records";
import { archiveStage, createStage, moveStage } from "../pipeline/manage-stages";
import { startImport } from "../imports/run-import";
import { addDays, todayIn, type ReportFilters } from "@/lib/reports/report-filters";
import { prepareReports } from "./report-request";
import { activitiesByWeek, activitiesByWeekRawSql, activitiesByWeekRollupSql, activitiesByWeekSql } from "./activities-by-week";
import { stageFunnel, stageFunnelRawSql, stageFunnelRollupSql, stageFunnelSql } from "./stage-funnel";

const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu"];
// Both DST changes of 2026 (8 March in New York, 29 March in Berlin) fall inside. The first range
// starts on a Wednesday and ends on a Thursday; the second is whole months; the third holds what
// the DAL creates today.
const TODAY = todayIn("UTC");
const RECENT = { from: addDays(TODAY, -40), toExclusive: addDays(TODAY, 3) };
const RANGES = [{ from: "2026-03-04", toExclusive: "2026-04-17" }, { from: "2026-02-01", toExclusive: "2026-05-01" }, RECENT];
const filtersFor = (range: { from: string; toExclusive: string }, ownerId: string | null = null, tag: string | null = null): ReportFilters => ({
  preset: "custom",
  range,
  ownerId,
  stageId: null,
  tag,
  currency: null,
});

let ws: TestWorkspace;
let other: TestWorkspace;
let rep1: User;
let rep2: User;
let admin: MemberContext;
let rep1Ctx: MemberContext;
let rep2Ctx: MemberContext;
const stage: Record<string, string> = {};
const customer: Record<string, string> = {};
const TYPES: ActivityType[] = ["CALL", "EMAIL", "MEETING", "NOTE"];

/** The rollup tables' non-zero rows for a workspace vs. a GROUP BY over its live rows (recomputed). */
async function rollupTableDifferences(tenantId: string) {
  const db = systemDb();
  const activities = await db.$queryRaw<unknown[]>`
    WITH expected AS (
      SELECT a."occurredAt"::date AS day, a."ownerId", c."ownerId" AS "customerOwnerId", a."type"::text AS type, count(*)::int AS count
      FROM "Activity" a JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
      WHERE a."tenantId" = ${tenantId} AND a."deletedAt" IS NULL
      GROUP BY 1, 2, 3, 4
    ),
    actual AS (
      SELECT "day", "ownerId", "customerOwnerId", "type"::text AS type, "count" FROM "ReportActivityDay" WHERE "tenantId" = ${tenantId} AND "count" <> 0
    )
    (SELECT 'missing' AS side, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) m)
    UNION ALL
    (SELECT 'extra', * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) x)`;
  const activityTags = await db.$queryRaw<unknown[]>`
    WITH expected AS (
      SELECT tg.tag, a."occurredAt"::date AS day, a."ownerId", c."ownerId" AS "customerOwnerId", a."type"::text AS type, count(*)::int AS count
      FROM "Activity" a JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
      CROSS JOIN LATERAL (SELECT DISTINCT t AS tag FROM unnest(c."tags") t) tg
      WHERE a."tenantId" = ${tenantId} AND a."deletedAt" IS NULL
      GROUP BY 1, 2, 3, 4, 5
    ),
    actual AS (
      SELECT "tag", "day", "ownerId", "customerOwnerId", "type"::text AS type, "count" FROM "ReportActivityTagDay" WHERE "tenantId" = ${tenantId} AND "count" <> 0
    )
    (SELECT 'missing' AS side, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) m)
    UNION ALL
    (SELECT 'extra', * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) x)`;
  const opportunities = await db.$queryRaw<unknown[]>`
    WITH expected AS (
      SELECT o."createdAt"::date AS day, o."ownerId", c."ownerId" AS "customerOwnerId",
             (SELECT array_agg(DISTINCT s ORDER BY s) FROM (SELECT o."stageId" AS s UNION ALL SELECT sc."toStageId" FROM "OpportunityStageChange" sc WHERE sc."tenantId" = o."tenantId" AND sc."opportunityId" = o."id") h) AS reached,
             count(*)::int AS count
      FROM "Opportunity" o JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
      WHERE o."tenantId" = ${tenantId} AND o."deletedAt" IS NULL
      GROUP BY 1, 2, 3, 4
    ),
    actual AS (
      SELECT "day", "ownerId", "customerOwnerId", "reachedStageIds" AS reached, "count" FROM "ReportOpportunityDay" WHERE "tenantId" = ${tenantId} AND "count" <> 0
    )
    (SELECT 'missing' AS side, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) m)
    UNION ALL
    (SELECT 'extra', * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) x)`;
  return { activities, activityTags, opportunities };
}

/**
 * Every rollup-backed report equals the raw one, for every viewer, zone and range, and the Admin's
 * owner filter.
 * Returns how many activities and funnel entries the raw reports counted (so a check can't pass
 * on empty data).
 */
async function expectReportsMatchRaw(): Promise<{ activities: number; funnel: number }> {
  const db = systemDb();
  let activities = 0;
  let funnel = 0;
  for (const ctx of [admin, rep1Ctx, rep2Ctx]) {
    for (const zone of ZONES) {
      const req = await prepareReports(ctx, zone);
      for (const range of RANGES) {
        // The owner filter as the Admin uses it (a rep's own scope is already an owner rule).
        for (const ownerId of ctx === admin ? [null, rep1.id] : [null]) {
          const filters = filtersFor(range, ownerId);
          const label = `${ctx.user.name} ${zone} ${range.from} owner=${ownerId ? "rep1" : "all"}`;
          const [rawWeeks, rolledWeeks, rawFunnel, rolledFunnel] = await Promise.all([
            db.$queryRaw<{ count: number }[]>(activitiesByWeekRawSql(req, filters)),
            db.$queryRaw<{ count: number }[]>(activitiesByWeekRollupSql(req, filters)),
            db.$queryRaw<{ reached: number }[]>(stageFunnelRawSql(req, filters)),
            db.$queryRaw<{ reached: number }[]>(stageFunnelRollupSql(req, filters)),
          ]);
          expect(rolledWeeks, `activities per week, ${label}`).toEqual(rawWeeks);
          expect(rolledFunnel, `funnel, ${label}`).toEqual(rawFunnel);
          activities += rawWeeks.reduce((sum, row) => sum + row.count, 0);
          funnel += rawFunnel[0]?.reached ?? 0;
        }
        // The tag filter: activities from the per-tag rollup (the funnel reads raw rows then).
        const tagged = filtersFor(range, null, "vip");
        const [rawTagged, rolledTagged] = await Promise.all([
          db.$queryRaw<{ count: number }[]>(activitiesByWeekRawSql(req, tagged)),
          db.$queryRaw<{ count: number }[]>(activitiesByWeekRollupSql(req, tagged)),
        ]);
        expect(rolledTagged, `activities per week, ${ctx.user.name} ${zone} ${range.from} tag=vip`).toEqual(rawTagged);
      }
    }
  }
  return { activities, funnel };
}

async function expectRollupsCorrect() {
  expect(await rollupTableDifferences(ws.tenant.id)).toEqual({ activities: [], activityTags: [], opportunities: [] });
  const counted = await expectReportsMatchRaw();
  expect(counted.activities).toBeGreaterThan(0);
  expect(counted.funnel).toBeGreaterThan(0);
}

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

async function logActivity(ctx: MemberContext, customerKey: string, when: string, type: ActivityType = "CALL") {
  const result = await createActivity(ctx, { type, subject: `Logged ${when}`, occurredAt: when, customerId: customer[customerKey]! }, { timeZone: "UTC" });
  if (!result.ok) throw new Error(`createActivity: ${JSON.stringify(result)}`);
  return result.id;
}

async function newDeal(ctx: MemberContext, customerKey: string, stageName: string, title: string) {
  const result = await createOpportunity(ctx, { title, customerId: customer[customerKey]!, stageId: stage[stageName]!, currency: "USD", amount: "100" });
  if (!result.ok) throw new Error(`createOpportunity: ${JSON.stringify(result)}`);
  return result.id;
}

async function move(ctx: MemberContext, id: string, stageName: string) {
  const result = await moveOpportunity(ctx, { id, stageId: stage[stageName]!, lostReason: stageName === "Lost" ? "Price" : undefined });
  if (!result.ok) throw new Error(`moveOpportunity: ${JSON.stringify(result)}`);
}

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace({ ownerName: "Anna Admin" }), createWorkspace()]);
  const tenantId = ws.tenant.id;
  [rep1, rep2] = await Promise.all([addMember(tenantId, "SALES_REP", { name: "Rep One" }), addMember(tenantId, "SALES_REP", { name: "Rep Two" })]);
  const db = systemDb();
  // Reps see their own records and their customers' records only.
  await db.tenant.update({ where: { id: tenantId }, data: { repsSeeOwnRecordsOnly: true } });
  admin = memberContext(ws.owner, ws.tenant);
  rep1Ctx = memberContext(rep1, ws.tenant);
  rep2Ctx = memberContext(rep2, ws.tenant);
  for (const row of await db.pipelineStage.findMany({ where: { tenantId } })) stage[row.name] = row.id;
  expect(Object.keys(stage).sort()).toEqual(["Lost", "Needs analysis", "Negotiation", "Proposal", "Qualification", "Won"]);

  const customers: [string, User, string[]][] = [
    ["C1", rep1, ["vip"]],
    ["C2", rep2, []],
    ["C3", ws.owner, ["vip"]],
    ["C4", rep2, []],
  ];
  for (const [key, owner, tags] of customers) {
    customer[key] = (await db.customer.create({ data: { tenantId, name: key, ownerId: owner.id, tags } })).id;
  }

  // Activities every 5h47m from 20 Feb to 25 April 2026 (so at every hour and many minutes of
  // the day, around every week start in every zone), owners and customers mixed: Rep One's on
  // Rep Two's customer and the other way round too.
  const owners = [rep1, rep2, ws.owner];
  const keys = ["C1", "C2", "C3", "C4"];
  const rows: Prisma.ActivityCreateManyInput[] = [];
  let i = 0;
  for (let t = Date.parse("2026-02-20T00:00:00Z"); t < Date.parse("2026-04-25T00:00:00Z"); t += 5 * HOUR + 47 * 60_000, i += 1) {
    rows.push({ tenantId, type: TYPES[i % 4]!, subject: `A${i}`, occurredAt: new Date(t), customerId: customer[keys[i % 4]!]!, ownerId: owners[(i >> 1) % 3]!.id, deletedAt: i % 17 === 0 ? new Date() : null });
  }
  await db.activity.createMany({ data: rows });

  // Deals created every 7h13m from 25 Feb to 20 April, with histories of varying length.
  const path = ["Qualification", "Needs analysis", "Proposal", "Negotiation", "Won"];
  let j = 0;
  for (let t = Date.parse("2026-02-25T00:00:00Z"); t < Date.parse("2026-04-20T00:00:00Z"); t += 7 * HOUR + 13 * 60_000, j += 1) {
    const steps = j % 7 === 6 ? ["Qualification", "Proposal", "Lost"] : path.slice(j % 3, (j % 3) + 1 + (j % 4));
    const opportunity = await db.opportunity.create({
      data: {
        tenantId,
        title: `D${j}`,
        customerId: customer[keys[j % 4]!]!,
        ownerId: owners[(j >> 2) % 3]!.id,
        stageId: stage[steps.at(-1)!]!,
        probability: 10,
        createdAt: new Date(t),
        // Now and then a deal that moved back: its current stage is before its furthest.
        ...(j % 11 === 5 ? { stageId: stage["Qualification"]! } : {}),
      },
    });
    await db.opportunityStageChange.createMany({
      data: steps.map((name, index) => ({ tenantId, opportunityId: opportunity.id, toStageId: stage[name]!, changedAt: new Date(t + index * HOUR) })),
    });
  }

  // The other workspace has rows of its own, on the same days.
  const otherStage = await db.pipelineStage.findFirstOrThrow({ where: { tenantId: other.tenant.id, name: "Proposal" } });
  const otherCustomer = await db.customer.create({ data: { tenantId: other.tenant.id, name: "Theirs", ownerId: other.owner.id } });
  await db.activity.createMany({
    data: Array.from({ length: 50 }, (_, n) => ({ tenantId: other.tenant.id, type: "CALL" as const, subject: "theirs", occurredAt: new Date(Date.parse("2026-03-10T12:00:00Z") + n * HOUR), customerId: otherCustomer.id, ownerId: other.owner.id })),
  });
  await db.opportunity.create({ data: { tenantId: other.tenant.id, title: "theirs", customerId: otherCustomer.id, ownerId: other.owner.id, stageId: otherStage.id, probability: 50, createdAt: at("2026-03-10T12:00:00Z") } });
}, 120_000);

function at(value: string) {
  return new Date(value);
}

// Each check runs a few hundred report queries; generous on a busy machine.
describe("report rollups", { timeout: 180_000 }, () => {
  it("hold exactly the live rows after the initial writes, and the reports read them", async () => {
    await expectRollupsCorrect();
    // The statement the reports run is the rollup's (no tag filter) …
    const req = await prepareReports(admin, "Europe/Berlin");
    const plain = filtersFor(RANGES[0]!);
    expect(stageFunnelSql(req, plain).text).toContain(`"ReportOpportunityDay"`);
    expect(activitiesByWeekSql(req, plain).text).toContain(`"ReportActivityDay"`);
    // … and with a tag filter, the per-tag activities rollup and the funnel's raw statement.
    const tagged = filtersFor(RANGES[0]!, null, "vip");
    expect(stageFunnelSql(req, tagged).text).not.toContain(`"ReportOpportunityDay"`);
    expect(activitiesByWeekSql(req, tagged).text).toContain(`"ReportActivityTagDay"`);
    expect(await stageFunnel(req, tagged)).toEqual(await systemDb().$queryRaw(stageFunnelRawSql(req, tagged)));
    expect((await activitiesByWeek(req, tagged)).some((row) => row.count > 0)).toBe(true);
  });

  it("never shows another workspace's counts, though the rollup tables hold them", async () => {
    const theirs = await systemDb().$queryRaw<{ n: number }[]>`SELECT sum("count")::int AS n FROM "ReportActivityDay" WHERE "tenantId" = ${other.tenant.id}`;
    expect(theirs[0]!.n).toBe(50);
    const mine = await activitiesByWeek(await prepareReports(admin, "UTC"), filtersFor(RANGES[0]!));
    expect(mine.every((row) => row.ownerId === null || [ws.owner.id, rep1.id, rep2.id].includes(row.ownerId))).toBe(true);
    const theirsSeen = await activitiesByWeek(await prepareReports(memberContext(other.owner, other.tenant), "UTC"), filtersFor(RANGES[0]!));
    expect(theirsSeen.reduce((sum, row) => sum + row.count, 0)).toBe(50);
    const theirFunnel = await stageFunnel(await prepareReports(memberContext(other.owner, other.tenant), "UTC"), filtersFor(RANGES[0]!));
    expect(theirFunnel.map((row) => row.reached)).toEqual([1, 1, 1, 0, 0]);
  });

  it("stay correct when activities are logged, edited, moved, trashed and deleted", async () => {
    const id = await logActivity(admin, "C2", "2026-03-29T00:30:00Z", "MEETING");
    await logActivity(rep1Ctx, "C1", "2026-03-08T23:59:00Z", "EMAIL");
    await expectRollupsCorrect();
    const row = await systemDb().activity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id } });
    // Another week, another type, another customer (of another owner).
    const updated = await updateActivity(
      admin,
      { id, updatedAt: row.updatedAt.toISOString(), type: "NOTE", subject: "moved", occurredAt: "2026-03-15T18:45:00Z", customerId: customer["C1"]! },
      { timeZone: "UTC" },
    );
    expect(updated.ok).toBe(true);
    await expectRollupsCorrect();
    expect((await deleteActivity(admin, id)).ok).toBe(true);
    await expectRollupsCorrect();
    // Out of the trash again, and edits that don't touch what is counted.
    await systemDb().activity.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id } }, data: { deletedAt: null } });
    await systemDb().activity.updateMany({ where: { tenantId: ws.tenant.id }, data: { outcome: "connected" } });
    await expectRollupsCorrect();
    // Bulk changes in one statement, and a hard delete.
    await systemDb().$executeRaw`UPDATE "Activity" SET "occurredAt" = "occurredAt" + interval '3 hours', "ownerId" = ${rep2.id} WHERE "tenantId" = ${ws.tenant.id} AND "type" = 'EMAIL'`;
    await expectRollupsCorrect();
    await systemDb().activity.deleteMany({ where: { tenantId: ws.tenant.id, type: "NOTE", occurredAt: { lt: at("2026-03-20T00:00:00Z") } } });
    await expectRollupsCorrect();
  });

  it("stay correct when deals are created, moved forward, back and to Lost, reassigned, trashed and restored", async () => {
    const a = await newDeal(admin, "C3", "Qualification", "funnel A");
    const b = await newDeal(rep1Ctx, "C1", "Needs analysis", "funnel B");
    await expectRollupsCorrect();
    await move(admin, a, "Proposal");
    await move(admin, a, "Won");
    await move(rep1Ctx, b, "Negotiation");
    await move(rep1Ctx, b, "Qualification");
    await move(rep1Ctx, b, "Lost");
    await expectRollupsCorrect();
    // Its creation date moved into the range's past, and given to another owner.
    await systemDb().opportunity.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: a } }, data: { createdAt: at("2026-03-08T06:00:00Z") } });
    const current = await systemDb().opportunity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: a } });
    const reassigned = await updateOpportunity(admin, {
      id: a,
      version: current.version,
      title: current.title,
      customerId: customer["C2"]!,
      stageId: current.stageId,
      currency: current.currency,
      amount: "100",
      ownerId: rep2.id,
    });
    expect(reassigned.ok).toBe(true);
    await expectRollupsCorrect();
    expect((await deleteOpportunity(admin, b)).ok).toBe(true);
    await expectRollupsCorrect();
    await systemDb().opportunity.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: b } }, data: { deletedAt: null } });
    await expectRollupsCorrect();
    // History edited and removed with plain SQL, and a deal deleted for good (its history goes with it).
    await systemDb().$executeRaw`UPDATE "OpportunityStageChange" SET "toStageId" = ${stage["Negotiation"]!} WHERE "tenantId" = ${ws.tenant.id} AND "opportunityId" = ${b} AND "toStageId" = ${stage["Needs analysis"]!}`;
    await expectRollupsCorrect();
    await systemDb().opportunityStageChange.deleteMany({ where: { tenantId: ws.tenant.id, opportunityId: a, toStageId: stage["Won"]! } });
    await expectRollupsCorrect();
    await systemDb().opportunity.delete({ where: { tenantId_id: { tenantId: ws.tenant.id, id: b } } });
    await expectRollupsCorrect();
  });

  it("follow the pipeline editor: reordered and archived stages change the funnel without touching the rollup", async () => {
    expect((await createStage(admin, { name: "Demo", probability: "40" }, TEST_META)).ok).toBe(true);
    stage["Demo"] = (await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: ws.tenant.id, name: "Demo" } })).id;
    const deal = await newDeal(admin, "C3", "Qualification", "demo deal");
    await move(admin, deal, "Demo");
    await move(admin, deal, "Qualification");
    await expectRollupsCorrect();
    const before = await stageFunnel(await prepareReports(admin, "UTC"), filtersFor(RECENT));
    // Demo moves up in the pipeline, then is archived (nobody stands there any more).
    for (let n = 0; n < 3; n += 1) expect((await moveStage(admin, { id: stage["Demo"]!, direction: "up" }, TEST_META)).ok).toBe(true);
    await expectRollupsCorrect();
    const reordered = await stageFunnel(await prepareReports(admin, "UTC"), filtersFor(RECENT));
    expect(reordered.map((row) => row.stageName)).not.toEqual(before.map((row) => row.stageName));
    expect((await archiveStage(admin, stage["Demo"]!, TEST_META)).ok).toBe(true);
    await expectRollupsCorrect();
    const archived = await stageFunnel(await prepareReports(admin, "UTC"), filtersFor(RECENT));
    expect(archived.map((row) => row.stageName)).not.toContain("Demo");
  });

  it("stay correct when customers change owner, go to the trash, come back, are transferred and are deleted for good", async () => {
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: customer["C2"]! } }, data: { ownerId: rep1.id } });
    await expectRollupsCorrect();
    expect((await deleteCustomer(admin, customer["C1"]!)).ok).toBe(true);
    await expectRollupsCorrect();
    // Tags change the per-tag counts: one removed, one added, one repeated in the array.
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: customer["C3"]! } }, data: { tags: ["new"] } });
    await expectRollupsCorrect();
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: customer["C2"]! } }, data: { tags: ["vip", "new", "vip"] } });
    await expectRollupsCorrect();
    expect((await restoreCustomer(admin, customer["C1"]!)).ok).toBe(true);
    await expectRollupsCorrect();
    const transferred = await transferRecords(admin, rep1.id, rep2.id, TEST_META);
    expect(transferred.ok && transferred.counts.customers).toBeGreaterThan(0);
    await expectRollupsCorrect();
    // C4 in the trash, then emptied from it: a hard delete that cascades to its activities and deals.
    expect((await deleteCustomer(admin, customer["C4"]!)).ok).toBe(true);
    await purgeExpiredTrash(new Date(Date.now() + 365 * 86_400_000));
    expect(await systemDb().customer.count({ where: { tenantId: ws.tenant.id, id: customer["C4"]! } })).toBe(0);
    await expectRollupsCorrect();
    // A live customer deleted for good.
    const doomed = await systemDb().customer.create({ data: { tenantId: ws.tenant.id, name: "Doomed", ownerId: rep1.id } });
    customer["Doomed"] = doomed.id;
    await logActivity(admin, "Doomed", "2026-03-10T10:00:00Z");
    await newDeal(admin, "Doomed", "Proposal", "doomed deal");
    await expectRollupsCorrect();
    await systemDb().customer.delete({ where: { tenantId_id: { tenantId: ws.tenant.id, id: doomed.id } } });
    await expectRollupsCorrect();
  });

  it("stay correct through a CSV import of customers and of contacts (which rewrites customers' search text)", async () => {
    const customersCsv = new TextEncoder().encode("Name,Owner\nImported One,\nImported Two,\n");
    const started = await startImport(admin, customersCsv, { kind: "customers", fileName: "c.csv" }, TEST_META);
    if (!started.ok) throw new Error("import refused");
    await started.run();
    const contactsCsv = new TextEncoder().encode("customer,name\nC3,Ada Lovelace\nC2,Alan Turing\nNew Co,Grace Hopper\n");
    const contacts = await startImport(admin, contactsCsv, { kind: "contacts", fileName: "p.csv", createMissingCustomers: true }, TEST_META);
    if (!contacts.ok) throw new Error(`import refused: ${contacts.error}`);
    await contacts.run();
    expect(await systemDb().customer.count({ where: { tenantId: ws.tenant.id, name: { in: ["Imported One", "Imported Two", "New Co"] } } })).toBe(3);
    expect(await systemDb().contact.count({ where: { tenantId: ws.tenant.id } })).toBe(3);
    await logActivity(admin, "C3", "2026-04-01T04:00:00Z", "EMAIL");
    await expectRollupsCorrect();
  });

  it("count concurrent writes exactly: parallel inserts, stage moves, and a customer trashed while activities are logged on it", async () => {
    const day = "2026-03-18";
    const before = await systemDb().$queryRaw<{ n: number | null }[]>`
      SELECT sum("count")::int AS n FROM "ReportActivityDay" WHERE "tenantId" = ${ws.tenant.id} AND "day" = ${day}::date AND "type" = 'MEETING' AND "ownerId" = ${ws.owner.id}`;
    await Promise.all(Array.from({ length: 24 }, (_, n) => logActivity(admin, "C3", iso(Date.parse(`${day}T00:00:00Z`) + n * HOUR), "MEETING")));
    const after = await systemDb().$queryRaw<{ n: number }[]>`
      SELECT sum("count")::int AS n FROM "ReportActivityDay" WHERE "tenantId" = ${ws.tenant.id} AND "day" = ${day}::date AND "type" = 'MEETING' AND "ownerId" = ${ws.owner.id}`;
    expect(after[0]!.n - (before[0]!.n ?? 0)).toBe(24);

    const deals = await Promise.all(Array.from({ length: 8 }, (_, n) => newDeal(admin, "C3", "Qualification", `parallel ${n}`)));
    await Promise.all(deals.map((id, n) => move(admin, id, n % 2 ? "Proposal" : "Won")));
    await expectRollupsCorrect();

    const racing = await systemDb().customer.create({ data: { tenantId: ws.tenant.id, name: "Racing", ownerId: rep2.id } });
    customer["Racing"] = racing.id;
    await Promise.all([
      ...Array.from({ length: 10 }, (_, n) => logActivity(admin, "Racing", iso(Date.parse("2026-03-20T00:00:00Z") + n * HOUR)).catch(() => null)),
      ...Array.from({ length: 3 }, (_, n) => newDeal(admin, "Racing", "Proposal", `racing ${n}`).catch(() => null)),
      deleteCustomer(admin, racing.id),
      systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: racing.id } }, data: { ownerId: rep1.id } }),
    ]);
    await expectRollupsCorrect();
  });
});
