// Cross-tenant walk cases for the crm models (see test/cross-tenant/support.ts).
import { systemDb } from "@/lib/db/prisma";
import { idKey, rand, type ModelCase, type Side } from "./support";

/** A customer of the workspace, owned by its Sales rep (helper for the cases that hang off one). */
async function seedCustomer(ws: Side) {
  const customer = await systemDb().customer.create({ data: { tenantId: ws.tenant.id, name: `Customer ${rand()}`, ownerId: ws.member.id } });
  customerOf.set(ws.tenant.id, customer.id);
  return customer;
}

/** The last customer seeded in each workspace, for createData (which can't wait for a new one). */
const customerOf = new Map<string, string>();

/** The workspace's first pipeline stage (every workspace is created with the default six). */
const stageOf = new Map<string, string>();
async function firstStage(ws: Side) {
  const stage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } });
  stageOf.set(ws.tenant.id, stage.id);
  return stage.id;
}
/** An opportunity of a fresh customer; remembered for the cases that hang off one. */
const opportunityOf = new Map<string, string>();
async function seedOpportunity(ws: Side) {
  const customer = await seedCustomer(ws);
  const opportunity = await systemDb().opportunity.create({
    data: { tenantId: ws.tenant.id, title: `Deal ${rand()}`, customerId: customer.id, stageId: await firstStage(ws), probability: 10, ownerId: ws.member.id, amount: "1000" },
  });
  opportunityOf.set(ws.tenant.id, opportunity.id);
  return opportunity;
}

export const CRM_CASES: Record<string, ModelCase> = {
  // Customers, contacts and field history (lib/dal/customers, lib/dal/crm/record-history.ts).
  // ownerId names a member too (composite key to User) but the walk's member-column rule only
  // knows userId/invitedById/*UserId, so lib/dal/customers/customers.test.ts checks it instead.
  Customer: {
    seed: (ws) => seedCustomer(ws),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, name: `Planted ${rand()}`, ownerId: inWs.member.id }),
    // Taking over another company's customer, or hiding it in the trash.
    change: { ownerId: "attacker", name: "Hijacked", deletedAt: new Date() },
    referencing: {},
  },
  Contact: {
    seed: async (ws) => {
      const customer = await seedCustomer(ws);
      return systemDb().contact.create({ data: { tenantId: ws.tenant.id, customerId: customer.id, name: `Contact ${rand()}`, email: `c-${rand()}@example.test` } });
    },
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, customerId: customerOf.get(inWs.tenant.id), name: "Planted" }),
    change: { email: "attacker@example.test", name: "Hijacked" },
    referencing: {},
  },
  RecordChange: {
    seed: async (ws) => {
      const customer = await seedCustomer(ws);
      return systemDb().recordChange.create({
        data: { tenantId: ws.tenant.id, entityType: "customer", entityId: customer.id, action: "created", actorId: ws.member.id, changes: { name: { from: null, to: customer.name } } },
      });
    },
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, entityType: "customer", entityId: rand(), action: "updated", actorId: inWs.member.id }),
    // Rewriting history: who did it and what changed.
    change: { actorId: null, changes: { name: { from: "x", to: "y" } } },
    referencing: {},
  },
  // The pipeline, opportunities, stage history and activities (lib/dal/pipeline, lib/dal/opportunities,
  // lib/dal/activities). ownerId/changedById name members through composite keys, which the walk's
  // member-column rule doesn't cover; lib/dal/opportunities/opportunities.test.ts checks another
  // workspace's records are unseen and unreachable through the DAL.
  PipelineStage: {
    seed: (ws) => systemDb().pipelineStage.create({ data: { tenantId: ws.tenant.id, name: `Stage ${rand()}`, probability: 40, position: 35 } }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (_inWs, claimed) => ({ tenantId: claimed.tenant.id, name: "Planted", probability: 1, position: 1 }),
    // Renaming or hiding another company's pipeline stage.
    change: { name: "Hijacked", archivedAt: new Date(), probability: 0 },
    referencing: {},
  },
  Opportunity: {
    seed: (ws) => seedOpportunity(ws),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({
      tenantId: claimed.tenant.id,
      title: "Planted",
      customerId: customerOf.get(inWs.tenant.id),
      stageId: stageOf.get(inWs.tenant.id),
      probability: 5,
      ownerId: inWs.member.id,
    }),
    // Reading a competitor's deal sizes, or winning/losing their deals for them.
    change: { amount: "0", title: "Hijacked", ownerId: "attacker", deletedAt: new Date() },
    referencing: {},
  },
  OpportunityStageChange: {
    seed: async (ws) => {
      const opportunity = await seedOpportunity(ws);
      return systemDb().opportunityStageChange.create({
        data: { tenantId: ws.tenant.id, opportunityId: opportunity.id, toStageId: opportunity.stageId, changedById: ws.member.id },
      });
    },
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, opportunityId: opportunityOf.get(inWs.tenant.id), toStageId: stageOf.get(inWs.tenant.id) }),
    // Rewriting who moved a deal, and when.
    change: { changedById: null, changedAt: new Date(0) },
    referencing: {},
  },
  Activity: {
    seed: async (ws) => {
      const opportunity = await seedOpportunity(ws);
      return systemDb().activity.create({
        data: {
          tenantId: ws.tenant.id,
          type: "CALL",
          subject: `Call ${rand()}`,
          body: "Confidential notes",
          occurredAt: new Date(),
          customerId: opportunity.customerId,
          opportunityId: opportunity.id,
          ownerId: ws.member.id,
        },
      });
    },
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({
      tenantId: claimed.tenant.id,
      type: "NOTE",
      subject: "Planted",
      occurredAt: new Date(),
      customerId: customerOf.get(inWs.tenant.id),
      ownerId: inWs.member.id,
    }),
    // Reading or rewriting another company's call notes.
    change: { body: "Tampered", subject: "Hijacked", deletedAt: new Date() },
    referencing: {},
  },
  // CSV imports (lib/dal/imports). createdById names a member; the walk's member-column rule
  // doesn't cover it, so lib/dal/imports/csv-import.test.ts checks another workspace's job is unseen.
  ImportJob: {
    seed: (ws) =>
      systemDb().importJob.create({
        data: { tenantId: ws.tenant.id, createdById: ws.admin.id, kind: "customers", fileName: `import-${rand()}.csv`, totalRows: 3, failedRows: 1, errorReport: "name,Line,Error\r\nSecret row,2,Name: required\r\n" },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, createdById: inWs.admin.id, kind: "customers", fileName: "planted.csv" }),
    // Reading or rewriting another workspace's rejected rows, or faking its progress.
    change: { errorReport: "tampered", status: "done", importedRows: 999 },
    referencing: {},
  },
  // Tasks / reminders (lib/dal/tasks). assigneeId names a member (composite key to User) but the
  // walk's member-column rule doesn't cover it; lib/dal/tasks/tasks.test.ts checks that an assignee
  // from another workspace is refused.
  Task: {
    seed: async (ws) => {
      const customer = await seedCustomer(ws);
      return systemDb().task.create({
        data: { tenantId: ws.tenant.id, title: `Call ${rand()}`, dueAt: new Date(Date.now() + 3_600_000), assigneeId: ws.member.id, customerId: customer.id },
      });
    },
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, title: "Planted", dueAt: new Date(), assigneeId: inWs.member.id, customerId: customerOf.get(inWs.tenant.id) }),
    // Reading another company's follow-ups, or completing / reassigning them.
    change: { title: "Hijacked", completedAt: new Date(), assigneeId: "attacker", deletedAt: new Date() },
    referencing: {},
  },
  // Exchange rates for the board's totals (lib/dal/opportunities/exchange-rates.ts);
  // lib/dal/opportunities/exchange-rates.test.ts checks the board never converts with another
  // workspace's rates.
  ExchangeRate: {
    seed: (ws) =>
      systemDb().exchangeRate.create({
        data: { tenantId: ws.tenant.id, baseCurrency: "USD", currency: `X${rand()}`, rate: "1.25", rateDate: new Date("2026-12-01") },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (_inWs, claimed) => ({ tenantId: claimed.tenant.id, baseCurrency: "USD", currency: `Z${rand()}`, rate: "999", rateDate: new Date("2026-12-01") }),
    // Skewing another company's pipeline value.
    change: { rate: "1000", baseCurrency: "JPY" },
    referencing: {},
  },
};
