// Merging two customers as members and attackers see it: everything of the merged record moves
// to the kept one with the values chosen per field, the merged record goes to the trash pointing
// at the kept one, history and one audit event say what happened, the board and report rollups
// stay equal to their raw sums, and a stranger, a member who may not edit both, or a merge
// racing an edit changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema } from "@/lib/validation/customer";
import { contactInputSchema } from "@/lib/validation/contact";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import type { MemberContext } from "../context";
import { createCustomer, updateCustomer } from "./write-customer";
import { createContact } from "./write-contact";
import { getCustomer } from "./get-customer";
import { getMergePair, mergeCustomers } from "./merge-customers";
import { findProbableDuplicates } from "./find-duplicates";
import { listRecordChanges } from "../crm/list-record-changes";
import { createOpportunity } from "../opportunities/write-opportunity";

let ws: TestWorkspace;
let other: TestWorkspace;
let owner: MemberContext;
let admin: MemberContext;
let rep: MemberContext;
let repUser: User;
let outsider: MemberContext;
let stageId: string;

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
  repUser = await addMember(ws.tenant.id, "SALES_REP");
  rep = memberContext(repUser, ws.tenant);
  outsider = memberContext(other.owner, other.tenant);
  stageId = (await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } })).id;
});

async function customer(ctx: MemberContext, fields: Record<string, unknown>) {
  const made = await createCustomer(ctx, customerInputSchema.parse({ ownerId: ctx.user.id, ...fields }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function version(id: string) {
  return (await systemDb().customer.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id }, select: { version: true } })).version;
}

/** A customer with a contact, an opportunity, an activity and a task. */
async function populated(name: string, fields: Record<string, unknown> = {}, ctx: MemberContext = owner) {
  const id = await customer(ctx, { name, ...fields });
  const contact = await createContact(ctx, contactInputSchema.parse({ customerId: id, name: `${name} person`, email: `someone@${name.toLowerCase().replace(/\W/g, "")}.example` }));
  const opportunity = await createOpportunity(ctx, { title: `${name} deal`, customerId: id, currency: "USD", amount: "1000", stageId });
  if (!contact.ok || !opportunity.ok) throw new Error("setup");
  const db = systemDb();
  const activity = await db.activity.create({ data: { tenantId: ws.tenant.id, type: "CALL", subject: `${name} call`, occurredAt: new Date("2026-11-02T10:00:00Z"), customerId: id, ownerId: ctx.user.id } });
  const task = await db.task.create({ data: { tenantId: ws.tenant.id, title: `${name} task`, dueAt: new Date("2026-12-20T09:00:00Z"), assigneeId: ctx.user.id, customerId: id } });
  return { id, contactId: contact.id, opportunityId: opportunity.id, activityId: activity.id, taskId: task.id };
}

/** The board rollup and the activity report rollup minus what summing the live rows gives: empty when in step. */
async function rollupDifferences(tenantId = ws.tenant.id) {
  return systemDb().$queryRaw<unknown[]>`
    WITH board_expected AS (
      SELECT o."stageId", o."currency", o."ownerId", c."ownerId" AS "customerOwnerId", count(*)::int AS "count", sum(o."amount")::numeric(30, 4) AS "amount"
      FROM "Opportunity" o JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
      WHERE o."tenantId" = ${tenantId} AND o."deletedAt" IS NULL GROUP BY 1, 2, 3, 4
    ), board_actual AS (
      SELECT "stageId", "currency", "ownerId", "customerOwnerId", "count", "amount"::numeric(30, 4) FROM "OpportunityStageTotal" WHERE "tenantId" = ${tenantId} AND "count" <> 0
    ), tags_expected AS (
      SELECT tg.tag, a."occurredAt"::date AS day, a."ownerId", c."ownerId" AS "customerOwnerId", a."type"::text AS type, count(*)::int AS count
      FROM "Activity" a JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
      CROSS JOIN LATERAL (SELECT DISTINCT t AS tag FROM unnest(c."tags") t) tg
      WHERE a."tenantId" = ${tenantId} AND a."deletedAt" IS NULL GROUP BY 1, 2, 3, 4, 5
    ), tags_actual AS (
      SELECT "tag", "day", "ownerId", "customerOwnerId", "type"::text AS type, "count" FROM "ReportActivityTagDay" WHERE "tenantId" = ${tenantId} AND "count" <> 0
    )
    SELECT 'board' AS what, row_to_json(d)::text AS row FROM ((SELECT * FROM board_expected EXCEPT SELECT * FROM board_actual) UNION ALL (SELECT * FROM board_actual EXCEPT SELECT * FROM board_expected)) d
    UNION ALL
    SELECT 'tags', row_to_json(d)::text FROM ((SELECT * FROM tags_expected EXCEPT SELECT * FROM tags_actual) UNION ALL (SELECT * FROM tags_actual EXCEPT SELECT * FROM tags_expected)) d`;
}

describe("merging customers", () => {
  it("moves contacts, opportunities, activities and tasks, takes the chosen values, trashes the other with a pointer, and audits once", async () => {
    const kept = await populated("Globex Corporation", { website: "globex.com", city: "Springfield", tags: "vip" });
    const merged = await populated("Globex Corp", { website: "https://www.globex.com", phone: "+1 415 555 0199", city: "Shelbyville", tags: "VIP, west" });
    const result = await mergeCustomers(
      owner,
      { keepId: kept.id, keepVersion: await version(kept.id), mergeId: merged.id, mergeVersion: await version(merged.id), choices: { phone: "merge", city: "merge", name: "keep" } },
      TEST_META,
    );
    expect(result).toEqual({ ok: true, id: kept.id, moved: { contacts: 1, opportunities: 1, activities: 1, tasks: 1 } });

    const db = systemDb();
    const tenantId = ws.tenant.id;
    expect(await db.contact.findMany({ where: { tenantId, customerId: kept.id }, select: { id: true }, orderBy: { createdAt: "asc" } })).toEqual([{ id: kept.contactId }, { id: merged.contactId }]);
    expect(await db.opportunity.count({ where: { tenantId, customerId: kept.id } })).toBe(2);
    expect(await db.activity.count({ where: { tenantId, customerId: kept.id } })).toBe(2);
    expect(await db.task.count({ where: { tenantId, customerId: kept.id } })).toBe(2);
    for (const model of [db.contact, db.opportunity, db.activity] as const) {
      expect(await (model as typeof db.contact).count({ where: { tenantId, customerId: merged.id } })).toBe(0);
    }

    const after = await getCustomer(owner, kept.id);
    expect(after).toMatchObject({ name: "Globex Corporation", website: "https://globex.com", phone: "+14155550199", city: "Shelbyville", tags: ["vip", "west"] });
    expect(await getCustomer(owner, merged.id)).toBeNull();
    expect(await db.customer.findFirst({ where: { tenantId, id: merged.id }, select: { deletedAt: true, mergedIntoId: true, deletedById: true } })).toMatchObject({
      mergedIntoId: kept.id,
      deletedById: owner.user.id,
      deletedAt: expect.any(Date),
    });
    // The list search finds the kept customer by the moved contact's email.
    expect((await db.customer.findFirstOrThrow({ where: { tenantId, id: kept.id }, select: { searchText: true } })).searchText).toContain("someone@globexcorp.example");

    const history = await listRecordChanges(owner, "customer", kept.id);
    expect(history[0]).toMatchObject({ action: "merged", changes: { city: { from: "Springfield", to: "Shelbyville" }, phone: { from: null, to: "+14155550199" }, mergedFrom: { from: null, to: "Globex Corp" } } });
    const movedContactHistory = await listRecordChanges(owner, "contact", merged.contactId);
    expect(movedContactHistory[0]).toMatchObject({ action: "updated", changes: { customerId: { from: merged.id, to: kept.id } } });
    // The merged record keeps its own history, now ending in its move to the trash.
    expect((await db.recordChange.findMany({ where: { tenantId, entityId: merged.id }, orderBy: { changedAt: "asc" }, select: { action: true } })).map((row) => row.action)).toEqual(["created", "deleted"]);

    const events = await auditEvents(tenantId, "customer.merged");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: owner.user.id, ip: TEST_META.ip, data: { customerId: kept.id, mergedId: merged.id, mergedName: "Globex Corp", customerName: "Globex Corporation", contacts: 1, opportunities: 1, activities: 1, tasks: 1 } });
    expect(await rollupDifferences()).toEqual([]);
    // The trashed record is no longer a probable duplicate of anything.
    expect((await findProbableDuplicates(owner, { name: "Globex Corp" })).map((match) => match.id)).toEqual([kept.id]);
  });

  it("keeps the board and report rollups right when the two customers have different owners and tags", async () => {
    const kept = await populated("Initech", { tags: "north" }, owner);
    const merged = await populated("Initech Inc", { tags: "south" }, admin);
    expect(await rollupDifferences()).toEqual([]);
    const result = await mergeCustomers(admin, { keepId: kept.id, keepVersion: await version(kept.id), mergeId: merged.id, mergeVersion: await version(merged.id), choices: { ownerId: "merge" } }, TEST_META);
    expect(result.ok).toBe(true);
    expect(await getCustomer(owner, kept.id)).toMatchObject({ ownerId: admin.user.id, tags: ["north", "south"] });
    expect(await rollupDifferences()).toEqual([]);
  });

  it("refuses a merge when either record changed since the page was opened, and moves nothing", async () => {
    const kept = await populated("Hooli");
    const merged = await populated("Hooli Inc");
    const keepVersion = await version(kept.id);
    const mergeVersion = await version(merged.id);
    const auditedBefore = (await auditEvents(ws.tenant.id, "customer.merged")).length;
    const edited = await updateCustomer(admin, merged.id, mergeVersion, customerInputSchema.parse({ name: "Hooli Incorporated", ownerId: owner.user.id }), { confirmDuplicate: true });
    expect(edited.ok).toBe(true);
    const result = await mergeCustomers(owner, { keepId: kept.id, keepVersion, mergeId: merged.id, mergeVersion, choices: {} }, TEST_META);
    expect(result).toMatchObject({ ok: false, reason: "conflict", conflict: { changedBy: admin.user.name } });
    expect(await systemDb().contact.count({ where: { tenantId: ws.tenant.id, customerId: merged.id } })).toBe(1);
    expect(await getCustomer(owner, merged.id)).toMatchObject({ name: "Hooli Incorporated" });
    expect(await auditEvents(ws.tenant.id, "customer.merged")).toHaveLength(auditedBefore);
  });

  it("refuses two merges of the same version racing each other: exactly one lands", async () => {
    const kept = await populated("Pied Piper");
    const first = await populated("Pied Piper Inc");
    const second = await populated("Pied Piper LLC");
    const keepVersion = await version(kept.id);
    const results = await Promise.all([
      mergeCustomers(owner, { keepId: kept.id, keepVersion, mergeId: first.id, mergeVersion: await version(first.id), choices: {} }, TEST_META),
      mergeCustomers(admin, { keepId: kept.id, keepVersion, mergeId: second.id, mergeVersion: await version(second.id), choices: {} }, TEST_META),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ reason: "conflict" }]);
    expect(await systemDb().contact.count({ where: { tenantId: ws.tenant.id, customerId: kept.id } })).toBe(2);
  });

  it("lets a Sales rep merge only two customers they own, and nobody merge across workspaces or with itself", async () => {
    const repOwnA = await customer(rep, { name: "Rep A" });
    const repOwnB = await customer(rep, { name: "Rep B" });
    const ownersOne = await customer(owner, { name: "Owner One" });
    const ask = (ctx: MemberContext, keepId: string, mergeId: string) =>
      Promise.all([version(keepId), version(mergeId)]).then(([keepVersion, mergeVersion]) => mergeCustomers(ctx, { keepId, keepVersion, mergeId, mergeVersion, choices: {} }, TEST_META));
    expect(await ask(rep, repOwnA, ownersOne)).toEqual({ ok: false, reason: "forbidden" });
    expect(await getMergePair(rep, repOwnA, ownersOne)).toBeNull();
    expect(await getCustomer(owner, ownersOne)).not.toBeNull();
    expect(await ask(rep, repOwnA, repOwnA)).toEqual({ ok: false, reason: "sameRecord" });
    expect(await ask(outsider, repOwnA, repOwnB)).toEqual({ ok: false, reason: "notFound" });
    expect(await getMergePair(outsider, repOwnA, repOwnB)).toBeNull();
    expect(await systemDb().customer.count({ where: { tenantId: ws.tenant.id, id: { in: [repOwnA, repOwnB] }, deletedAt: null } })).toBe(2);
    expect(await getMergePair(rep, repOwnA, repOwnB)).toMatchObject({ keep: { id: repOwnA, values: { name: "Rep A" } }, merge: { id: repOwnB } });
    expect((await ask(rep, repOwnA, repOwnB)).ok).toBe(true);
    const viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
    await expect(mergeCustomers(viewer, { keepId: repOwnA, keepVersion: 1, mergeId: ownersOne, mergeVersion: 1, choices: {} }, TEST_META)).rejects.toThrow();
  });
});
