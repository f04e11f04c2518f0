// Activities and the record timeline: links that must agree, the timeline's order and pages across
// ties, the opportunity's lastActivityAt, and who may edit.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import { createOpportunity, moveOpportunity } from "../opportunities/opportunities";
import { createActivity, deleteActivity, updateActivity } from "./activities";
import { listTimeline } from "./list-timeline";

let ws: TestWorkspace;
let owner: MemberContext;
let customerId: string;
let contactId: string;
let opportunityId: string;
let otherCustomerId: string;
const UTC = { timeZone: "UTC" };

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  const db = systemDb();
  customerId = (await db.customer.create({ data: { tenantId: ws.tenant.id, name: "Acme", ownerId: ws.owner.id } })).id;
  otherCustomerId = (await db.customer.create({ data: { tenantId: ws.tenant.id, name: "Globex", ownerId: ws.owner.id } })).id;
  contactId = (await db.contact.create({ data: { tenantId: ws.tenant.id, customerId, name: "Ann" } })).id;
  const stage = await db.pipelineStage.findFirstOrThrow({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } });
  const created = await createOpportunity(owner, { title: "Deal", customerId, currency: "USD", stageId: stage.id });
  if (!created.ok) throw new Error("setup");
  opportunityId = created.id;
  await db.opportunity.updateMany({ where: { tenantId: ws.tenant.id }, data: { lastActivityAt: new Date("2020-01-01T00:00:00Z") } });
});

const call = (extra: Record<string, unknown> = {}) => ({ type: "CALL" as const, subject: "Intro call", occurredAt: "2026-11-01T10:00", customerId, ...extra });

describe("links", () => {
  it("refuses a contact or opportunity of another customer with a specific message, writing nothing", async () => {
    const result = await createActivity(owner, call({ customerId: otherCustomerId, contactId, opportunityId }), UTC);
    expect(result).toEqual({
      ok: false,
      fieldErrors: { contactId: ["activityContactNotOfCustomer"], opportunityId: ["activityOpportunityNotOfCustomer"] },
    });
    expect(await createActivity(owner, call({ contactId: "nosuchid" }), UTC)).toEqual({ ok: false, fieldErrors: { contactId: ["activityContactNotFound"] } });
    expect(await systemDb().activity.count({ where: { tenantId: ws.tenant.id } })).toBe(0);
  });

  it("refuses links into another workspace as not found", async () => {
    const other = await createWorkspace();
    const stranger = memberContext(other.owner, other.tenant);
    expect(await createActivity(stranger, call(), UTC)).toEqual({ ok: false, fieldErrors: { customerId: ["activityCustomerNotFound"] } });
    expect(await listTimeline(stranger, { customerId })).toBeNull();
  });

  it("reads the 'when' in the member's time zone", async () => {
    const result = await createActivity(owner, call({ occurredAt: "2026-11-01T10:00" }), { timeZone: "Asia/Shanghai" });
    if (!result.ok) throw new Error("create");
    const row = await systemDb().activity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: result.id } });
    expect(row.occurredAt.toISOString()).toBe("2026-11-01T02:00:00.000Z");
    expect(await createActivity(owner, call({ occurredAt: "2026-02-30T10:00" }), UTC)).toEqual({ ok: false, fieldErrors: { occurredAt: ["activityWhenInvalid"] } });
  });
});

describe("timeline", () => {
  it("shows activities on every linked record, newest first, paging across ties without repeats", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await createActivity(owner, call({ subject: `Same time ${i}`, contactId, opportunityId }), UTC);
      if (result.ok) ids.push(result.id);
    }
    const later = await createActivity(owner, call({ subject: "Later", occurredAt: "2026-11-02T09:00", opportunityId }), UTC);
    if (!later.ok) throw new Error("create");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listTimeline>> = await listTimeline(owner, { customerId }, { cursor, limit: 2 });
      if (!page) throw new Error("not visible");
      seen.push(...page.items.filter((item) => item.kind === "activity").map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen[0]).toBe(later.id);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    // Ties are broken by id, descending.
    expect(seen.slice(1)).toEqual([...ids].sort().reverse());
    const contactTimeline = await listTimeline(owner, { contactId });
    expect(contactTimeline?.items).toHaveLength(5);
    const opportunityTimeline = await listTimeline(owner, { opportunityId });
    // Six activities and the stage change made at creation.
    expect(opportunityTimeline?.items.map((item) => item.kind).filter((kind) => kind === "stage-change")).toHaveLength(1);
    expect(opportunityTimeline?.items).toHaveLength(7);
  });

  it("merges stage changes into the opportunity's timeline", async () => {
    const stage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: ws.tenant.id, name: "Proposal" } });
    await moveOpportunity(owner, { id: opportunityId, stageId: stage.id });
    const page = await listTimeline(owner, { opportunityId });
    expect(page?.items[0]).toMatchObject({ kind: "stage-change", to: { name: "Proposal" }, from: { name: "Qualification" } });
  });
});

describe("lastActivityAt and ownership", () => {
  it("moves the opportunity's lastActivityAt forward when an activity is logged against it", async () => {
    await createActivity(owner, call({ opportunityId, occurredAt: "2026-11-01T10:00" }), UTC);
    let opp = await systemDb().opportunity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: opportunityId } });
    expect(opp.lastActivityAt.toISOString()).toBe("2026-11-01T10:00:00.000Z");
    await createActivity(owner, call({ opportunityId, occurredAt: "2025-01-01T10:00" }), UTC);
    opp = await systemDb().opportunity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: opportunityId } });
    expect(opp.lastActivityAt.toISOString()).toBe("2026-11-01T10:00:00.000Z");
  });

  it("lets members edit and delete their own activities, admins any, read-only none", async () => {
    const manager = memberContext(await addMember(ws.tenant.id, "MANAGER"), ws.tenant);
    const admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
    const viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
    const created = await createActivity(owner, call(), UTC);
    if (!created.ok) throw new Error("create");
    expect(await updateActivity(manager, { ...call({ subject: "Changed" }), id: created.id }, UTC)).toEqual({ ok: false, reason: "notAllowed" });
    expect(await deleteActivity(manager, created.id)).toEqual({ ok: false, reason: "notAllowed" });
    await expect(createActivity(viewer, call(), UTC)).rejects.toThrow(PermissionDeniedError);
    expect((await updateActivity(admin, { ...call({ subject: "Changed" }), id: created.id }, UTC)).ok).toBe(true);
    const history = await systemDb().recordChange.findFirstOrThrow({ where: { tenantId: ws.tenant.id, entityId: created.id, action: "updated" } });
    expect(history.changes).toMatchObject({ subject: { from: "Intro call", to: "Changed" } });
    expect((await deleteActivity(owner, created.id)).ok).toBe(true);
    expect((await listTimeline(owner, { customerId }))?.items.filter((item) => item.kind === "activity")).toHaveLength(0);
  });
});
