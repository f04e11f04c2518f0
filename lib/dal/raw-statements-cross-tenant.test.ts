// The DAL's raw SQL statements (issue 16, item 1) run through tenantDb's $tenantQuery, which
// refuses a statement that does not bind the workspace; these cases check what that cannot see:
// that every table a statement reads is tied to the workspace. Workspace A's results are taken,
// then workspace B gets the same records (same names, same stage names, same days, other amounts)
// and A's results must not change by one row or one cent, while B's own results show its rows.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema } from "@/lib/validation/customer";
import { contactInputSchema } from "@/lib/validation/contact";
import { createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "./context";
import { createCustomer } from "./customers/write-customer";
import { createContact } from "./customers/write-contact";
import { createOpportunity } from "./opportunities/write-opportunity";
import { moveOpportunity } from "./opportunities/move-opportunity";
import { listBoard, listOpportunities } from "./opportunities/list-opportunities";
import { parseOpportunityListQuery } from "./opportunities/list-query";
import { searchRecords } from "./search/search-records";
import { prepareReports } from "./reports/report-request";
import type { ReportFilters } from "@/lib/reports/report-filters";
import { pipelineByStage } from "./reports/pipeline-by-stage";
import { stageFunnel } from "./reports/stage-funnel";
import { weightedForecast } from "./reports/weighted-forecast";
import { wonLostByMonth } from "./reports/won-lost-by-month";
import { winRateByOwner } from "./reports/win-rate-by-owner";
import { daysToWon } from "./reports/days-to-won";
import { activitiesByWeek } from "./reports/activities-by-week";
import { newCustomersByMonth } from "./reports/new-customers-by-month";
import { headlineFigures } from "./reports/headline-figures";

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const now = new Date();
// From the first of the month before last to the day after tomorrow: every record below is inside.
const RANGE = { from: isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1))), toExclusive: isoDay(new Date(now.getTime() + 2 * DAY)) };
const FILTERS: ReportFilters = { preset: "custom", range: RANGE, ownerId: null, stageId: null, tag: null, currency: null };

let a: TestWorkspace;
let b: TestWorkspace;
let ownerA: MemberContext;
let ownerB: MemberContext;

/** The same records in any workspace: a customer with a contact, an open deal and a won one, a call. */
async function seedTwins(ctx: MemberContext, amount: string) {
  const stages = await systemDb().pipelineStage.findMany({ where: { tenantId: ctx.tenant.id }, orderBy: { position: "asc" } });
  const open = stages.find((stage) => stage.kind === "OPEN")!;
  const won = stages.find((stage) => stage.kind === "WON")!;
  const customer = await createCustomer(ctx, customerInputSchema.parse({ name: "Twin Harbour Ltd", ownerId: ctx.user.id, source: "website", tags: "twin" }), { confirmDuplicate: true });
  if (!customer.ok) throw new Error(JSON.stringify(customer));
  const contact = await createContact(ctx, contactInputSchema.parse({ name: "Twin Contact", email: "twin@example.test", customerId: customer.id }), { confirmDuplicate: true });
  if (!contact.ok) throw new Error(JSON.stringify(contact));
  const expectedCloseDate = isoDay(new Date(now.getTime() + DAY));
  for (const title of ["Twin deal", "Twin won deal"]) {
    const deal = await createOpportunity(ctx, { title, customerId: customer.id, currency: "USD", amount, stageId: open.id, expectedCloseDate });
    if (!deal.ok) throw new Error(JSON.stringify(deal));
    if (title === "Twin won deal") {
      const moved = await moveOpportunity(ctx, { id: deal.id, stageId: won.id, version: 1 });
      if (!moved.ok) throw new Error(JSON.stringify(moved));
    }
  }
  await systemDb().activity.create({ data: { tenantId: ctx.tenant.id, type: "CALL", subject: "Twin call", occurredAt: new Date(now.getTime() - DAY), customerId: customer.id, ownerId: ctx.user.id } });
}

/** Everything the raw statements answer for a member: the search, the table, the board, every report. */
async function everything(ctx: MemberContext) {
  const req = await prepareReports(ctx, "UTC");
  const { query } = parseOpportunityListQuery({ view: "table" });
  const { query: searched } = parseOpportunityListQuery({ view: "board", q: "Twin" });
  const { query: tagged } = parseOpportunityListQuery({ view: "board", tag: "twin" });
  return {
    search: await searchRecords(ctx, "Twin"),
    searchInChinese: await searchRecords(ctx, "Twin", 6, "zh-CN"),
    table: await listOpportunities(ctx, query),
    board: await listBoard(ctx, {}),
    boardSearched: await listBoard(ctx, searched),
    boardTagged: await listBoard(ctx, tagged),
    pipeline: await pipelineByStage(req, FILTERS),
    pipelineTagged: await pipelineByStage(req, { ...FILTERS, tag: "twin" }),
    funnel: await stageFunnel(req, FILTERS),
    forecast: await weightedForecast(req, FILTERS, RANGE),
    wonLost: await wonLostByMonth(req, FILTERS),
    winRate: await winRateByOwner(req, FILTERS),
    daysToWon: await daysToWon(req, FILTERS),
    activities: await activitiesByWeek(req, FILTERS),
    activitiesTagged: await activitiesByWeek(req, { ...FILTERS, tag: "twin" }),
    newCustomers: await newCustomersByMonth(req, FILTERS),
    headline: await headlineFigures(req, isoDay(now)),
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createWorkspace(), createWorkspace()]);
  ownerA = memberContext(a.owner, a.tenant);
  ownerB = memberContext(b.owner, b.tenant);
  await seedTwins(ownerA, "100");
}, 60_000);

describe("raw statements across workspaces", () => {
  it("another workspace's identical records never show in the search, the board, the table or a report", async () => {
    const before = await everything(ownerA);
    // A's own records are there to be found, so an unchanged result means something.
    expect(before.search.customers.map((hit) => hit.title)).toEqual(["Twin Harbour Ltd"]);
    expect(before.search.contacts.map((hit) => hit.title)).toEqual(["Twin Contact"]);
    expect(before.search.opportunities.map((hit) => hit.title).sort()).toEqual(["Twin deal", "Twin won deal"]);
    expect(before.board.flatMap((column) => column.cards).length).toBe(2);
    expect(before.pipeline.length).toBeGreaterThan(0);

    await seedTwins(ownerB, "9999");
    const after = await everything(ownerA);
    expect(after).toEqual(before);

    // B's rows do match the same statements in B: they were left out of A's for being B's.
    const theirs = await everything(ownerB);
    const theirIds = new Set((await systemDb().opportunity.findMany({ where: { tenantId: b.tenant.id }, select: { id: true } })).map((row) => row.id));
    expect(theirs.search.opportunities.every((hit) => theirIds.has(hit.id))).toBe(true);
    expect(theirs.search.opportunities.length).toBe(2);
    expect(theirs.search.contacts.length).toBe(1);
    expect(theirs.board.flatMap((column) => column.cards).every((card) => theirIds.has(card.id))).toBe(true);
    expect(JSON.stringify(theirs.pipeline)).toContain("9999");
    expect(JSON.stringify(after)).not.toContain("9999");
  }, 60_000);
});
