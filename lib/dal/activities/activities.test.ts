// Activities and the record timeline: links that must agree, the timeline's order and pages across
// ties, the opportunity's lastActivityAt, and who may edit.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import { createOpportunity } from "../opportunities/write-opportunity";
import { moveOpportunity } from "../opportunities/move-opportunity";
import { createActivity, deleteActivity, updateActivity } from "./activities";
import { listTimeline } from "./list-timeline";
import { updateCrmSettings } from "../crm/crm-settings";
import { TEST_META } from "@/test/factories";

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

/** The version an edit form would carry: the row's updatedAt as an ISO instant. */
async function versionOf(id: string): Promise<string> {
  return (await systemDb().activity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id }, select: { updatedAt: true } })).updatedAt.toISOString();
}

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
    const updatedAt = await versionOf(created.id);
    expect(await updateActivity(manager, { ...call({ subject: "Changed" }), id: created.id, updatedAt }, UTC)).toEqual({ ok: false, reason: "notAllowed" });
    expect(await deleteActivity(manager, created.id)).toEqual({ ok: false, reason: "notAllowed" });
    await expect(createActivity(viewer, call(), UTC)).rejects.toThrow(PermissionDeniedError);
    expect((await updateActivity(admin, { ...call({ subject: "Changed" }), id: created.id, updatedAt }, UTC)).ok).toBe(true);
    const history = await systemDb().recordChange.findFirstOrThrow({ where: { tenantId: ws.tenant.id, entityId: created.id, action: "updated" } });
    expect(history.changes).toMatchObject({ subject: { from: "Intro call", to: "Changed" } });
    expect((await deleteActivity(owner, created.id)).ok).toBe(true);
    expect((await listTimeline(owner, { customerId }))?.items.filter((item) => item.kind === "activity")).toHaveLength(0);
  });
});

describe("editing an activity", () => {
  async function logged(by: MemberContext = owner, extra: Record<string, unknown> = {}) {
    const created = await createActivity(by, call({ contactId, opportunityId, outcome: "no-answer", durationMinutes: "5", participants: "Ann", ...extra }), UTC);
    if (!created.ok) throw new Error("create");
    return created.id;
  }
  const edit = (id: string, updatedAt: string, extra: Record<string, unknown> = {}) => ({
    ...call({ contactId, opportunityId, outcome: "no-answer", durationMinutes: "5", participants: "Ann", ...extra }),
    id,
    updatedAt,
  });
  const rowOf = (id: string) => systemDb().activity.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id } });
  const updates = (id: string) => systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, entityId: id, action: "updated" }, orderBy: { changedAt: "asc" } });

  it("saves the edit, shows it on the timeline and records which fields changed, by whom", async () => {
    const id = await logged();
    const result = await updateActivity(owner, edit(id, await versionOf(id), { outcome: "connected", durationMinutes: "25", participants: "Ann, Bob", occurredAt: "2026-11-01T10:30" }), UTC);
    expect(result).toEqual({ ok: true, id });
    const row = await rowOf(id);
    expect(row).toMatchObject({ outcome: "connected", durationMinutes: 25, participants: ["Ann", "Bob"], subject: "Intro call" });
    expect(row.occurredAt.toISOString()).toBe("2026-11-01T10:30:00.000Z");
    const history = await updates(id);
    expect(history).toHaveLength(1);
    expect(history[0]!.actorId).toBe(ws.owner.id);
    expect(history[0]!.changes).toEqual({
      outcome: { from: "no-answer", to: "connected" },
      durationMinutes: { from: 5, to: 25 },
      participants: { from: ["Ann"], to: ["Ann", "Bob"] },
      occurredAt: { from: "2026-11-01T10:00:00.000Z", to: "2026-11-01T10:30:00.000Z" },
    });
    const entry = (await listTimeline(owner, { customerId }))?.items.find((item) => item.id === id);
    expect(entry).toMatchObject({ kind: "activity", outcome: "connected", edited: true });
  });

  it("writes nothing and records no history when nothing changed", async () => {
    const id = await logged();
    const version = await versionOf(id);
    expect(await updateActivity(owner, edit(id, version), UTC)).toEqual({ ok: true, id });
    expect(await versionOf(id)).toBe(version);
    expect(await updates(id)).toHaveLength(0);
    expect((await listTimeline(owner, { customerId }))?.items.find((item) => item.id === id)).toMatchObject({ edited: false });
  });

  it("refuses an edit opened before someone else's save, naming them, and keeps their version", async () => {
    const admin = memberContext(await addMember(ws.tenant.id, "ADMIN", { name: "Ada Admin" }), ws.tenant);
    const id = await logged();
    const openedAt = await versionOf(id);
    expect((await updateActivity(admin, edit(id, openedAt, { outcome: "positive" }), UTC)).ok).toBe(true);
    const stale = await updateActivity(owner, edit(id, openedAt, { outcome: "negative", subject: "Mine" }), UTC);
    expect(stale).toMatchObject({ ok: false, reason: "conflict", conflict: { changedBy: "Ada Admin" } });
    expect(await rowOf(id)).toMatchObject({ outcome: "positive", subject: "Intro call" });
    expect(await updates(id)).toHaveLength(1);
    // With the newer version (after "Reload") the same edit goes through.
    expect((await updateActivity(owner, edit(id, await versionOf(id), { outcome: "negative" }), UTC)).ok).toBe(true);
    expect(await rowOf(id)).toMatchObject({ outcome: "negative" });
  });

  it("lets only one of two saves opened at the same version win", async () => {
    const id = await logged();
    const openedAt = await versionOf(id);
    const results = await Promise.all([
      updateActivity(owner, edit(id, openedAt, { subject: "First" }), UTC),
      updateActivity(owner, edit(id, openedAt, { subject: "Second" }), UTC),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && "reason" in result && result.reason === "conflict")).toHaveLength(1);
    expect(await updates(id)).toHaveLength(1);
  });

  it("refuses invalid input with the same messages as logging, changing nothing", async () => {
    const id = await logged();
    const version = await versionOf(id);
    expect(await updateActivity(owner, edit(id, version, { subject: "  ", durationMinutes: "-3", outcome: "great" }), UTC)).toEqual({
      ok: false,
      fieldErrors: { subject: ["activitySubjectRequired"], durationMinutes: ["activityDurationInvalid?max=1440"], outcome: ["activityOutcomeInvalid"] },
    });
    expect(await updateActivity(owner, edit(id, version, { occurredAt: "2026-02-30T10:00" }), UTC)).toEqual({ ok: false, fieldErrors: { occurredAt: ["activityWhenInvalid"] } });
    expect(await updateActivity(owner, edit(id, version, { contactId: (await systemDb().contact.create({ data: { tenantId: ws.tenant.id, customerId: otherCustomerId, name: "Zed" } })).id }), UTC)).toEqual({
      ok: false,
      fieldErrors: { contactId: ["activityContactNotOfCustomer"] },
    });
    expect(await updateActivity(owner, edit(id, "yesterday"), UTC)).toEqual({ ok: false, fieldErrors: { updatedAt: ["versionInvalid"] } });
    expect(await versionOf(id)).toBe(version);
    expect(await rowOf(id)).toMatchObject({ subject: "Intro call", durationMinutes: 5, outcome: "no-answer" });
    expect(await updates(id)).toHaveLength(0);
  });

  it("refuses read-only members, other members' activities, restricted reps by crafted request, and other workspaces", async () => {
    const viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
    const repUser = await addMember(ws.tenant.id, "SALES_REP");
    const rep = memberContext(repUser, ws.tenant);
    await updateCrmSettings(owner, { repsSeeOwnRecordsOnly: "on", staleOpportunityDays: "14", defaultCurrency: "USD" }, TEST_META);
    const ownersCall = await logged();
    const version = await versionOf(ownersCall);

    await expect(updateActivity(viewer, edit(ownersCall, version, { subject: "Viewer" }), UTC)).rejects.toThrow(PermissionDeniedError);
    // The rep can't see Acme (not theirs): the activity reads as not found.
    expect(await updateActivity(rep, edit(ownersCall, version, { subject: "Rep" }), UTC)).toEqual({ ok: false, reason: "notFound" });
    // Once Acme is theirs they see the owner's call on it, but may not change it.
    await systemDb().customer.updateMany({ where: { tenantId: ws.tenant.id, id: customerId }, data: { ownerId: repUser.id } });
    expect(await updateActivity(rep, edit(ownersCall, version, { subject: "Rep" }), UTC)).toEqual({ ok: false, reason: "notAllowed" });
    // Their own call they may edit, but not move onto a customer they can't see.
    const repsCall = await logged(rep, { contactId: undefined, opportunityId: undefined });
    expect(await updateActivity(rep, { ...edit(repsCall, await versionOf(repsCall), { contactId: undefined, opportunityId: undefined }), customerId: otherCustomerId }, UTC)).toEqual({
      ok: false,
      fieldErrors: { customerId: ["activityCustomerNotFound"] },
    });
    expect(await updateActivity(rep, edit(repsCall, await versionOf(repsCall), { contactId: undefined, opportunityId: undefined, outcome: "connected" }), UTC)).toEqual({ ok: true, id: repsCall });

    const other = await createWorkspace();
    const stranger = memberContext(other.owner, other.tenant);
    expect(await updateActivity(stranger, edit(ownersCall, version, { subject: "Stranger" }), UTC)).toEqual({ ok: false, reason: "notFound" });
    expect(await rowOf(ownersCall)).toMatchObject({ subject: "Intro call" });
    expect(await updates(ownersCall)).toHaveLength(0);
  });
});
