// Every report against numbers worked out by hand from a small fixed dataset: three currencies
// with 0, 2 and 3 decimals, empty months and weeks, a deal without an expected close date,
// records in the trash, rows just either side of midnight for a time-zone check, a second
// workspace whose rows must never show, and a Sales rep restricted to their own records.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import type { ActivityType, StageKind } from "@/lib/generated/prisma/enums";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { prepareReports } from "./report-request";
import { pipelineByStage, pipelineByStageRawSql, pipelineByStageSql } from "./pipeline-by-stage";
import { stageFunnel } from "./stage-funnel";
import { weightedForecast } from "./weighted-forecast";
import { wonLostByMonth } from "./won-lost-by-month";
import { winRateByOwner } from "./win-rate-by-owner";
import { daysToWon } from "./days-to-won";
import { activitiesByWeek } from "./activities-by-week";
import { newCustomersByMonth } from "./new-customers-by-month";
import { headlineFigures } from "./headline-figures";
import { loadReportsPage } from "./load-reports-page";

const RANGE = { from: "2026-01-01", toExclusive: "2026-07-01" };
const FILTERS: ReportFilters = { preset: "custom", range: RANGE, ownerId: null, stageId: null, tag: null, currency: null };
const at = (iso: string) => new Date(iso);

let ws: TestWorkspace;
let other: TestWorkspace;
let rep1: User;
let rep2: User;
let viewer: User;
const stage: Record<string, string> = {};
const customer: Record<string, string> = {};
const deal: Record<string, string> = {};

async function insertStages(tenantId: string, prefix = "") {
  const db = systemDb();
  // Whatever the sign-up created, this file's pipeline is exactly these stages.
  await db.pipelineStage.deleteMany({ where: { tenantId } });
  const stages: [string, number, number, StageKind, Date | null][] = [
    ["Old", 0, 5, "OPEN", at("2025-01-01T00:00:00Z")],
    ["Qualification", 1, 10, "OPEN", null],
    ["Discovery", 2, 30, "OPEN", null],
    ["Proposal", 3, 50, "OPEN", null],
    ["Negotiation", 4, 80, "OPEN", null],
    ["Won", 5, 100, "WON", null],
    ["Lost", 6, 0, "LOST", null],
  ];
  const ids: Record<string, string> = {};
  for (const [name, position, probability, kind, archivedAt] of stages) {
    const row = await db.pipelineStage.create({ data: { tenantId, name: `${prefix}${name}`, position, probability, kind, archivedAt } });
    ids[name] = row.id;
  }
  return ids;
}

type DealSpec = {
  key: string;
  customer: string;
  owner: User;
  amount: string;
  currency: string;
  stage: string;
  probability: number;
  expected: string | null;
  createdAt: string;
  closedAt?: string;
  deleted?: boolean;
  /** Stage names the deal passed through, in order (the first is where it was created). */
  path: string[];
};

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace({ ownerName: "Anna Owner" }), createWorkspace()]);
  const tenantId = ws.tenant.id;
  [rep1, rep2, viewer] = await Promise.all([
    addMember(tenantId, "SALES_REP", { name: "Rep One" }),
    addMember(tenantId, "SALES_REP", { name: "Rep Two" }),
    addMember(tenantId, "READ_ONLY", { name: "Vera Viewer" }),
  ]);
  Object.assign(stage, await insertStages(tenantId));
  const db = systemDb();

  const customers: [string, User, string[], string | null, string, Date | null][] = [
    ["C1", rep1, ["vip"], "Web", "2026-01-10T12:00:00Z", null],
    ["C2", rep2, [], "Referral", "2026-03-05T10:00:00Z", null],
    // 23:30 UTC on 31 March is already 1 April in Tokyo.
    ["C3", ws.owner, [], null, "2026-03-31T23:30:00Z", null],
    ["C4", rep1, ["vip"], "Web", "2026-02-01T10:00:00Z", at("2026-05-01T00:00:00Z")],
  ];
  for (const [key, owner, tags, source, createdAt, deletedAt] of customers) {
    const row = await db.customer.create({ data: { tenantId, name: key, ownerId: owner.id, tags, source, createdAt: at(createdAt), deletedAt } });
    customer[key] = row.id;
  }

  const deals: DealSpec[] = [
    { key: "O1", customer: "C1", owner: rep1, amount: "1000", currency: "USD", stage: "Qualification", probability: 10, expected: "2026-02-15", createdAt: "2026-01-15T09:00:00Z", path: ["Qualification"] },
    // Owned by Rep Two, but on Rep One's customer: Rep One sees it too.
    { key: "O2", customer: "C1", owner: rep2, amount: "150000", currency: "JPY", stage: "Proposal", probability: 50, expected: "2026-02-20", createdAt: "2026-02-01T09:00:00Z", path: ["Qualification", "Proposal"] },
    { key: "O3", customer: "C2", owner: rep2, amount: "1.234", currency: "KWD", stage: "Negotiation", probability: 80, expected: "2026-04-10", createdAt: "2026-01-10T09:00:00Z", path: ["Qualification", "Discovery", "Proposal", "Negotiation"] },
    // No expected close date: in the pipeline, not in any forecast month.
    { key: "O4", customer: "C2", owner: rep2, amount: "500.5", currency: "USD", stage: "Proposal", probability: 50, expected: null, createdAt: "2026-03-01T09:00:00Z", path: ["Proposal"] },
    { key: "O5", customer: "C1", owner: rep1, amount: "2000", currency: "USD", stage: "Won", probability: 100, expected: "2026-02-01", createdAt: "2026-01-05T00:00:00Z", closedAt: "2026-02-04T00:00:00Z", path: ["Qualification", "Negotiation", "Won"] },
    { key: "O6", customer: "C3", owner: ws.owner, amount: "300", currency: "USD", stage: "Won", probability: 100, expected: null, createdAt: "2026-02-01T00:00:00Z", closedAt: "2026-02-11T00:00:00Z", path: ["Won"] },
    // Lost at 20:00 UTC on 31 March: March in UTC, April in Tokyo.
    { key: "O7", customer: "C2", owner: rep2, amount: "700", currency: "USD", stage: "Lost", probability: 0, expected: "2026-03-31", createdAt: "2026-01-20T00:00:00Z", closedAt: "2026-03-31T20:00:00Z", path: ["Qualification", "Discovery", "Lost"] },
    // In the trash, and on a customer in the trash: counted nowhere.
    { key: "O8", customer: "C1", owner: rep1, amount: "9999", currency: "USD", stage: "Qualification", probability: 10, expected: "2026-02-15", createdAt: "2026-01-15T09:00:00Z", deleted: true, path: ["Qualification"] },
    { key: "O9", customer: "C4", owner: rep1, amount: "5000", currency: "USD", stage: "Qualification", probability: 10, expected: "2026-02-15", createdAt: "2026-01-15T09:00:00Z", path: ["Qualification"] },
  ];
  for (const spec of deals) {
    const row = await db.opportunity.create({
      data: {
        tenantId,
        title: spec.key,
        customerId: customer[spec.customer]!,
        ownerId: spec.owner.id,
        amount: spec.amount,
        currency: spec.currency,
        stageId: stage[spec.stage]!,
        probability: spec.probability,
        expectedCloseDate: spec.expected ? at(`${spec.expected}T00:00:00Z`) : null,
        createdAt: at(spec.createdAt),
        closedAt: spec.closedAt ? at(spec.closedAt) : null,
        deletedAt: spec.deleted ? at("2026-05-01T00:00:00Z") : null,
      },
    });
    deal[spec.key] = row.id;
    let from: string | null = null;
    for (const [index, name] of spec.path.entries()) {
      await db.opportunityStageChange.create({
        data: { tenantId, opportunityId: row.id, fromStageId: from, toStageId: stage[name]!, changedAt: new Date(at(spec.createdAt).getTime() + index * 86_400_000) },
      });
      from = stage[name]!;
    }
  }

  const activities: [User, ActivityType, string, string, boolean][] = [
    [rep1, "CALL", "C1", "2026-01-05T10:00:00Z", false],
    [rep1, "EMAIL", "C1", "2026-01-06T10:00:00Z", false],
    [rep2, "CALL", "C2", "2026-01-07T10:00:00Z", false],
    // Sunday 23:30 UTC = Monday 08:30 in Tokyo: the week of 5 January in UTC, of 12 January in Tokyo.
    [rep1, "CALL", "C1", "2026-01-11T23:30:00Z", false],
    [rep1, "CALL", "C1", "2026-01-08T10:00:00Z", true],
    [rep2, "MEETING", "C4", "2026-01-08T10:00:00Z", false],
    [ws.owner, "NOTE", "C2", "2026-02-02T10:00:00Z", false],
  ];
  for (const [owner, type, customerKey, occurredAt, deleted] of activities) {
    await db.activity.create({
      data: { tenantId, type, subject: `${type} ${occurredAt}`, occurredAt: at(occurredAt), customerId: customer[customerKey]!, ownerId: owner.id, deletedAt: deleted ? at("2026-05-01T00:00:00Z") : null },
    });
  }

  const tasks: [User, string, Date | null, Date | null][] = [
    [ws.owner, "2026-01-01T00:00:00Z", null, null],
    [ws.owner, "2026-01-02T00:00:00Z", at("2026-01-03T00:00:00Z"), null],
    [rep1, "2026-01-01T00:00:00Z", null, null],
    [ws.owner, "2099-01-01T00:00:00Z", null, null],
    [ws.owner, "2026-01-01T00:00:00Z", null, at("2026-01-05T00:00:00Z")],
  ];
  for (const [assignee, dueAt, completedAt, deletedAt] of tasks) {
    await db.task.create({ data: { tenantId, title: `Task ${dueAt}`, dueAt: at(dueAt), assigneeId: assignee.id, completedAt, deletedAt } });
  }

  // The other workspace: the same stage names and similar deals, never to be counted above.
  const otherStages = await insertStages(other.tenant.id);
  const otherCustomer = await db.customer.create({ data: { tenantId: other.tenant.id, name: "Elsewhere", ownerId: other.owner.id, source: "Web", createdAt: at("2026-01-10T12:00:00Z") } });
  await db.opportunity.create({
    data: { tenantId: other.tenant.id, title: "Other", customerId: otherCustomer.id, ownerId: other.owner.id, amount: "777", currency: "USD", stageId: otherStages.Qualification!, probability: 10, expectedCloseDate: at("2026-02-15T00:00:00Z"), createdAt: at("2026-01-15T09:00:00Z") },
  });
  await db.opportunity.create({
    data: { tenantId: other.tenant.id, title: "Other won", customerId: otherCustomer.id, ownerId: other.owner.id, amount: "888", currency: "USD", stageId: otherStages.Won!, probability: 100, createdAt: at("2026-01-15T09:00:00Z"), closedAt: at("2026-02-15T09:00:00Z") },
  });
  await db.activity.create({ data: { tenantId: other.tenant.id, type: "CALL", subject: "x", occurredAt: at("2026-01-06T10:00:00Z"), customerId: otherCustomer.id, ownerId: other.owner.id } });
});

const ownerRequest = (timeZone = "UTC") => prepareReports(memberContext(ws.owner, ws.tenant), timeZone);

describe("pipeline value by stage", () => {
  it("counts and sums open deals per stage and currency, keeps an empty stage, drops an empty archived one and the trash", async () => {
    const rows = await pipelineByStage(await ownerRequest(), FILTERS);
    expect(rows.map((row) => [row.stageName, row.currency, row.count, row.amount])).toEqual([
      ["Qualification", "USD", 1, "1000"],
      ["Discovery", null, 0, "0"],
      ["Proposal", "JPY", 1, "150000"],
      ["Proposal", "USD", 1, "500.5"],
      ["Negotiation", "KWD", 1, "1.234"],
    ]);
  });

  it("applies the owner, stage and tag filters", async () => {
    const req = await ownerRequest();
    const byOwner = await pipelineByStage(req, { ...FILTERS, ownerId: rep2.id });
    expect(byOwner.filter((row) => row.count > 0).map((row) => [row.stageName, row.currency, row.amount])).toEqual([
      ["Proposal", "JPY", "150000"],
      ["Proposal", "USD", "500.5"],
      ["Negotiation", "KWD", "1.234"],
    ]);
    const byStage = await pipelineByStage(req, { ...FILTERS, stageId: stage.Proposal! });
    expect(byStage.map((row) => [row.stageName, row.currency, row.amount])).toEqual([
      ["Proposal", "JPY", "150000"],
      ["Proposal", "USD", "500.5"],
    ]);
    const byTag = await pipelineByStage(req, { ...FILTERS, tag: "vip" });
    expect(byTag.filter((row) => row.count > 0).map((row) => [row.stageName, row.currency, row.amount])).toEqual([
      ["Qualification", "USD", "1000"],
      ["Proposal", "JPY", "150000"],
    ]);
  });
});

describe("pipeline value by stage, from the board's rollup", () => {
  it("equals summing the deals, for the whole workspace, a restricted rep, and the owner and stage filters", async () => {
    const owner = await ownerRequest();
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    try {
      const repRequest = await prepareReports(memberContext(rep2, ws.tenant), "UTC");
      expect(repRequest.scope.ownOnly).toBe(true);
      for (const [req, filters] of [
        [owner, FILTERS],
        [owner, { ...FILTERS, ownerId: rep2.id }],
        [owner, { ...FILTERS, stageId: stage.Proposal! }],
        [repRequest, FILTERS],
      ] as const) {
        const fromRollup = await req.db.$tenantQuery(() => pipelineByStageSql(req, filters));
        expect(fromRollup).toEqual(await req.db.$tenantQuery(() => pipelineByStageRawSql(req, filters)));
      }
    } finally {
      await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
    }
  });
});

describe("stage-to-stage conversion funnel", () => {
  it("counts deals that reached each stage or a later one, skipped stages included, lost deals up to where they got", async () => {
    const rows = await stageFunnel(await ownerRequest(), FILTERS);
    expect(rows.map((row) => [row.stageName, row.reached, row.conversion])).toEqual([
      ["Qualification", 7, null],
      ["Discovery", 6, 85.7],
      ["Proposal", 5, 83.3],
      ["Negotiation", 3, 60],
      ["Won", 2, 66.7],
    ]);
  });

  it("only counts deals created in the range", async () => {
    const rows = await stageFunnel(await ownerRequest(), { ...FILTERS, range: { from: "2026-02-01", toExclusive: "2026-03-01" } });
    // O2 (reached Proposal) and O6 (created won).
    expect(rows.map((row) => [row.stageName, row.reached, row.conversion])).toEqual([
      ["Qualification", 2, null],
      ["Discovery", 2, 100],
      ["Proposal", 2, 100],
      ["Negotiation", 1, 50],
      ["Won", 1, 100],
    ]);
  });
});

describe("weighted forecast", () => {
  it("sums amount × probability per expected close month and currency, empty months as zero rows, undated deals apart", async () => {
    const rows = await weightedForecast(await ownerRequest(), FILTERS, RANGE);
    expect(rows.map((row) => [row.month, row.currency, row.count, row.amount, row.weighted])).toEqual([
      ["2026-01-01", null, 0, "0", "0"],
      ["2026-02-01", "JPY", 1, "150000", "75000"],
      ["2026-02-01", "USD", 1, "1000", "100"],
      ["2026-03-01", null, 0, "0", "0"],
      ["2026-04-01", "KWD", 1, "1.234", "0.9872"],
      ["2026-05-01", null, 0, "0", "0"],
      ["2026-06-01", null, 0, "0", "0"],
      [null, "USD", 1, "500.5", "250.25"],
    ]);
  });
});

describe("won and lost per month", () => {
  it("counts and sums closed deals by the month they closed, every month present", async () => {
    const rows = await wonLostByMonth(await ownerRequest(), FILTERS);
    expect(rows.map((row) => [row.month, row.currency, row.won, row.lost, row.wonAmount, row.lostAmount])).toEqual([
      ["2026-01-01", null, 0, 0, "0", "0"],
      ["2026-02-01", "USD", 2, 0, "2300", "0"],
      ["2026-03-01", "USD", 0, 1, "0", "700"],
      ["2026-04-01", null, 0, 0, "0", "0"],
      ["2026-05-01", null, 0, 0, "0", "0"],
      ["2026-06-01", null, 0, 0, "0", "0"],
    ]);
  });

  it("puts a deal lost late on 31 March (UTC) into April for a reader in Tokyo", async () => {
    const rows = await wonLostByMonth(await ownerRequest("Asia/Tokyo"), FILTERS);
    expect(rows.filter((row) => row.lost > 0).map((row) => row.month)).toEqual(["2026-04-01"]);
  });

  it("win rate per owner: won / (won + lost)", async () => {
    const rows = await winRateByOwner(await ownerRequest(), FILTERS);
    expect(rows.map((row) => [row.ownerName, row.won, row.lost, row.winRate])).toEqual([
      ["Anna Owner", 1, 0, 100],
      ["Rep One", 1, 0, 100],
      ["Rep Two", 0, 1, 0],
    ]);
  });
});

describe("days from creation to won", () => {
  it("averages per month won and overall", async () => {
    const rows = await daysToWon(await ownerRequest(), FILTERS);
    expect(rows.map((row) => [row.month, row.won, row.averageDays])).toEqual([
      ["2026-01-01", 0, null],
      ["2026-02-01", 2, 20],
      ["2026-03-01", 0, null],
      ["2026-04-01", 0, null],
      ["2026-05-01", 0, null],
      ["2026-06-01", 0, null],
      [null, 2, 20],
    ]);
  });
});

describe("activities per owner per week", () => {
  it("counts per ISO week, owner and type; every week of the range present; the trash left out", async () => {
    const rows = await activitiesByWeek(await ownerRequest(), FILTERS);
    const weeks = [...new Set(rows.map((row) => row.week))];
    expect(weeks[0]).toBe("2025-12-29");
    expect(weeks.at(-1)).toBe("2026-06-29");
    expect(weeks).toHaveLength(27);
    expect(rows.filter((row) => row.count > 0).map((row) => [row.week, row.ownerName, row.type, row.count])).toEqual([
      ["2026-01-05", "Rep One", "CALL", 2],
      ["2026-01-05", "Rep One", "EMAIL", 1],
      ["2026-01-05", "Rep Two", "CALL", 1],
      ["2026-02-02", "Anna Owner", "NOTE", 1],
    ]);
    expect(rows.filter((row) => row.week === "2026-01-12")).toEqual([{ week: "2026-01-12", ownerId: null, ownerName: null, type: null, count: 0 }]);
  });

  it("moves a Sunday-night call into the next week for a reader in Tokyo", async () => {
    const rows = await activitiesByWeek(await ownerRequest("Asia/Tokyo"), FILTERS);
    expect(rows.filter((row) => row.count > 0).map((row) => [row.week, row.ownerName, row.type, row.count])).toEqual([
      ["2026-01-05", "Rep One", "CALL", 1],
      ["2026-01-05", "Rep One", "EMAIL", 1],
      ["2026-01-05", "Rep Two", "CALL", 1],
      ["2026-01-12", "Rep One", "CALL", 1],
      ["2026-02-02", "Anna Owner", "NOTE", 1],
    ]);
  });
});

describe("new customers per month", () => {
  it("counts by month and source, empty months as zero rows", async () => {
    const rows = await newCustomersByMonth(await ownerRequest(), FILTERS);
    expect(rows.map((row) => [row.month, row.source, row.count])).toEqual([
      ["2026-01-01", "Web", 1],
      ["2026-02-01", null, 0],
      ["2026-03-01", "", 1],
      ["2026-03-01", "Referral", 1],
      ["2026-04-01", null, 0],
      ["2026-05-01", null, 0],
      ["2026-06-01", null, 0],
    ]);
  });

  it("uses the reader's months: a customer created at 23:30 UTC on 31 March is April's in Tokyo", async () => {
    const rows = await newCustomersByMonth(await ownerRequest("Asia/Tokyo"), FILTERS);
    expect(rows.filter((row) => row.count > 0).map((row) => [row.month, row.source])).toEqual([
      ["2026-01-01", "Web"],
      ["2026-03-01", "Referral"],
      ["2026-04-01", ""],
    ]);
  });
});

describe("headline figures", () => {
  it("open pipeline, this quarter's forecast, this month's wins per currency and my overdue tasks", async () => {
    const rows = await headlineFigures(await ownerRequest(), "2026-02-15");
    expect(rows.map((row) => [row.metric, row.currency, row.count, row.amount])).toEqual([
      ["forecastQuarter", "JPY", 1, "75000"],
      ["forecastQuarter", "USD", 1, "100"],
      ["openPipeline", "JPY", 1, "150000"],
      ["openPipeline", "KWD", 1, "1.234"],
      ["openPipeline", "USD", 2, "1500.5"],
      ["overdueTasks", null, 1, "0"],
      ["wonMonth", "USD", 2, "2300"],
    ]);
  });
});

describe("who sees what", () => {
  it("a Sales rep restricted to own records gets only the numbers of their deals and their customers' deals", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    try {
      const req = await prepareReports(memberContext(rep1, ws.tenant), "UTC");
      expect((await pipelineByStage(req, FILTERS)).filter((row) => row.count > 0).map((row) => [row.stageName, row.currency, row.amount])).toEqual([
        ["Qualification", "USD", "1000"],
        ["Proposal", "JPY", "150000"],
      ]);
      expect((await winRateByOwner(req, FILTERS)).map((row) => [row.ownerName, row.won, row.lost])).toEqual([["Rep One", 1, 0]]);
      expect((await activitiesByWeek(req, FILTERS)).filter((row) => row.count > 0).map((row) => [row.ownerName, row.type, row.count])).toEqual([
        ["Rep One", "CALL", 2],
        ["Rep One", "EMAIL", 1],
      ]);
      expect((await newCustomersByMonth(req, FILTERS)).filter((row) => row.count > 0).map((row) => [row.month, row.source])).toEqual([["2026-01-01", "Web"]]);
      expect((await stageFunnel(req, FILTERS))[0]!.reached).toBe(3);
      const headline = await headlineFigures(req, "2026-02-15");
      expect(headline.filter((row) => row.metric === "openPipeline").map((row) => [row.currency, row.amount])).toEqual([
        ["JPY", "150000"],
        ["USD", "1000"],
      ]);
      // Another rep's filter choices are not offered, and asking for them by URL is refused.
      const page = await loadReportsPage(memberContext(rep1, ws.tenant), { range: "custom", from: "2026-01-01", to: "2026-06-30", owner: rep2.id }, "UTC");
      expect(page.options.owners.map((owner) => owner.name)).toEqual(["Rep One"]);
      expect(page.errors).toEqual(["unknownOwner"]);
      expect(page.data.pipeline.filter((row) => row.count > 0)).toHaveLength(2);
    } finally {
      await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
    }
  });

  it("a Sales rep sees the whole workspace when the workspace allows it", async () => {
    const req = await prepareReports(memberContext(rep1, ws.tenant), "UTC");
    expect((await pipelineByStage(req, FILTERS)).filter((row) => row.count > 0)).toHaveLength(4);
  });

  it("a Read-only member sees the reports", async () => {
    const req = await prepareReports(memberContext(viewer, ws.tenant), "UTC");
    expect((await wonLostByMonth(req, FILTERS)).find((row) => row.won > 0)).toMatchObject({ month: "2026-02-01", won: 2, wonAmount: "2300" });
  });

  it("another workspace's rows never appear, and its owner sees only its own", async () => {
    const mine = await pipelineByStage(await ownerRequest(), FILTERS);
    expect(mine.some((row) => row.amount === "777")).toBe(false);
    const theirs = await pipelineByStage(await prepareReports(memberContext(other.owner, other.tenant), "UTC"), FILTERS);
    expect(theirs.filter((row) => row.count > 0).map((row) => [row.stageName, row.amount])).toEqual([["Qualification", "777"]]);
    const theirActivities = await activitiesByWeek(await prepareReports(memberContext(other.owner, other.tenant), "UTC"), FILTERS);
    expect(theirActivities.filter((row) => row.count > 0).map((row) => row.ownerId)).toEqual([other.owner.id]);
  });

  it("a member of another workspace naming this workspace's stage gets nothing from it", async () => {
    const req = await prepareReports(memberContext(other.owner, other.tenant), "UTC");
    expect(await pipelineByStage(req, { ...FILTERS, stageId: stage.Proposal! })).toEqual([]);
    expect((await winRateByOwner(req, { ...FILTERS, ownerId: rep1.id }))).toEqual([]);
  });

  it("refuses a member whose role lacks reports.view", async () => {
    // Every role may view reports today; a forged role string must still not get through.
    const forged = { ...memberContext(viewer, ws.tenant), role: "GUEST" as never };
    await expect(prepareReports(forged, "UTC")).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("falls back to UTC for a zone PostgreSQL doesn't know", async () => {
    const req = await prepareReports(memberContext(ws.owner, ws.tenant), "Mars/Olympus_Mons");
    expect(req.timeZone).toBe("UTC");
  });
});

describe("the whole page", () => {
  it("loads every report with the URL's valid filters and reports the bad ones", async () => {
    const page = await loadReportsPage(
      memberContext(ws.owner, ws.tenant),
      { range: "custom", from: "2026-01-01", to: "2026-06-30", owner: "nobody-here", stage: stage.Proposal!, tag: "vip" },
      "UTC",
    );
    expect(page.errors).toEqual(["unknownOwner"]);
    expect(page.filters).toMatchObject({ preset: "custom", range: RANGE, ownerId: null, stageId: stage.Proposal, tag: "vip" });
    expect(page.data.pipeline.map((row) => [row.stageName, row.currency, row.amount])).toEqual([["Proposal", "JPY", "150000"]]);
    expect(page.options.stages.map((row) => row.name)).toEqual(["Old", "Qualification", "Discovery", "Proposal", "Negotiation", "Won", "Lost"]);
    expect(page.data.wonLost).toHaveLength(6);
  });
});
