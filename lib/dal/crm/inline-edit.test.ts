// Editing one cell of the customer list or the opportunity table, as members and attackers see
// it: a valid edit changes that field only and writes the field history the form's edit writes;
// input the form refuses is refused with the form's message and changes nothing; an edit based on
// an old version is refused, naming who saved the newer one, with the value the cell has now; a
// Sales rep cannot edit a record hidden from them, a read-only member nothing, and another
// workspace's ids are unknown.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { createCustomer, updateCustomer } from "../customers/write-customer";
import { createOpportunity } from "../opportunities/write-opportunity";
import { editCustomerCell, editOpportunityCell } from "./inline-edit";

let ws: TestWorkspace;
let other: TestWorkspace;
let owner: MemberContext;
let admin: MemberContext;
let rep: MemberContext;
let viewer: MemberContext;
let outsider: MemberContext;
let stages: Record<string, { id: string }>;

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  admin = memberContext(await addMember(ws.tenant.id, "ADMIN", { name: "Ada Admin" }), ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
  outsider = memberContext(other.owner, other.tenant);
  const rows = await systemDb().pipelineStage.findMany({ where: { tenantId: ws.tenant.id } });
  stages = Object.fromEntries(rows.map((row) => [row.name, row]));
});

async function customer(ctx: MemberContext, name: string) {
  const made = await createCustomer(ctx, customerInputSchema.parse({ name, ownerId: ctx.user.id, phone: "+14155550123", tags: "vip, east", website: "example.com" }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return systemDb().customer.findFirstOrThrow({ where: { id: made.id } });
}

async function opportunity(ctx: MemberContext, title: string) {
  const acme = await customer(ctx, `${title} customer`);
  const made = await createOpportunity(ctx, { title, customerId: acme.id, currency: "USD", amount: "1200.50", stageId: stages.Qualification!.id, expectedCloseDate: "2027-03-01" });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return systemDb().opportunity.findFirstOrThrow({ where: { id: made.id } });
}

async function history(entityId: string) {
  return systemDb().recordChange.findMany({ where: { entityId }, orderBy: [{ changedAt: "asc" }, { id: "asc" }] });
}

describe("customer cells", () => {
  it("changes the edited field only, bumps the version and writes the form's field history", async () => {
    const before = await customer(owner, "Inline Name Co");
    const result = await editCustomerCell(owner, { id: before.id, version: before.version, field: "name", value: "  Inline Renamed Co " });
    expect(result).toEqual({ ok: true, version: before.version + 1, current: { value: "Inline Renamed Co" } });
    const after = await systemDb().customer.findFirstOrThrow({ where: { id: before.id } });
    expect(after.name).toBe("Inline Renamed Co");
    expect({ phone: after.phone, tags: after.tags, website: after.website, status: after.status }).toEqual({ phone: before.phone, tags: before.tags, website: before.website, status: before.status });
    expect(after.searchText).toContain("inline renamed co");
    const last = (await history(before.id)).at(-1)!;
    expect(last).toMatchObject({ action: "updated", actorId: owner.user.id, changes: { name: { from: "Inline Name Co", to: "Inline Renamed Co" } } });

    const status = await editCustomerCell(owner, { id: before.id, version: after.version, field: "status", value: "ACTIVE" });
    expect(status).toMatchObject({ ok: true, current: { value: "ACTIVE" } });
    const owned = await editCustomerCell(owner, { id: before.id, version: after.version + 1, field: "ownerId", value: admin.user.id });
    expect(owned).toMatchObject({ ok: true, current: { value: admin.user.id, name: "Ada Admin" } });
  });

  it("refuses what the form refuses, with the form's message, and changes nothing", async () => {
    const before = await customer(owner, "Inline Invalid Co");
    expect(await editCustomerCell(owner, { id: before.id, version: before.version, field: "name", value: "   " })).toEqual({ ok: false, reason: "invalid", message: "crmNameRequired" });
    expect(await editCustomerCell(owner, { id: before.id, version: before.version, field: "name", value: "x".repeat(201) })).toEqual({ ok: false, reason: "invalid", message: "crmNameTooLong" });
    expect(await editCustomerCell(owner, { id: before.id, version: before.version, field: "status", value: "WON" })).toEqual({ ok: false, reason: "invalid", message: "crmStatusInvalid" });
    expect(await editCustomerCell(owner, { id: before.id, version: before.version, field: "industry", value: "piracy" })).toEqual({ ok: false, reason: "invalid", message: "crmIndustryInvalid" });
    expect(await editCustomerCell(owner, { id: before.id, version: before.version, field: "ownerId", value: other.owner.id })).toEqual({ ok: false, reason: "invalid", message: "crmOwnerInvalid" });
    const after = await systemDb().customer.findFirstOrThrow({ where: { id: before.id } });
    expect(after).toEqual(before);
    expect(await history(before.id)).toHaveLength(1);
  });

  it("refuses an edit of an old version, naming who saved the newer one, when, and the value now", async () => {
    const before = await customer(owner, "Inline Race Co");
    const theirs = await updateCustomer(admin, before.id, before.version, customerInputSchema.parse({ name: "Inline Race Co", ownerId: owner.user.id, status: "INACTIVE" }));
    expect(theirs.ok).toBe(true);
    const result = await editCustomerCell(owner, { id: before.id, version: before.version, field: "status", value: "ACTIVE" });
    expect(result).toMatchObject({ ok: false, reason: "conflict", changedBy: "Ada Admin", version: before.version + 1, current: { value: "INACTIVE" } });
    const saved = (await history(before.id)).at(-1)!;
    if (!result.ok && result.reason === "conflict") expect(result.changedAt).toEqual(saved.changedAt);
    expect((await systemDb().customer.findFirstOrThrow({ where: { id: before.id } })).status).toBe("INACTIVE");
  });

  it("asks before a rename that makes a probable duplicate, and saves it when confirmed", async () => {
    await customer(owner, "Globex Corporation");
    const before = await customer(owner, "Initech Inline");
    expect(await editCustomerCell(owner, { id: before.id, version: before.version, field: "name", value: "Globex Corp" })).toEqual({ ok: false, reason: "duplicates", names: ["Globex Corporation"] });
    expect(await editCustomerCell(owner, { id: before.id, version: before.version, field: "name", value: "Globex Corp", confirmDuplicate: true })).toMatchObject({ ok: true });
  });

  it("refuses a Sales rep a customer hidden from them, a read-only member everything, and another workspace's ids", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    try {
      const theirs = await customer(owner, "Inline Not The Rep's");
      expect(await editCustomerCell(rep, { id: theirs.id, version: theirs.version, field: "name", value: "Taken" })).toEqual({ ok: false, reason: "notFound" });
      // A rep who sees only their own records cannot hand their own away either (the form offers only them).
      const mine = await customer(rep, "Inline The Rep's");
      expect(await editCustomerCell(rep, { id: mine.id, version: mine.version, field: "ownerId", value: owner.user.id })).toEqual({ ok: false, reason: "invalid", message: "crmOwnerInvalid" });
      expect(await editCustomerCell(rep, { id: mine.id, version: mine.version, field: "city", value: "Leeds" })).toMatchObject({ ok: true, current: { value: "Leeds" } });
      await expect(editCustomerCell(viewer, { id: theirs.id, version: theirs.version, field: "name", value: "Viewed" })).rejects.toThrow(PermissionDeniedError);
      expect(await editCustomerCell(outsider, { id: theirs.id, version: theirs.version, field: "name", value: "Crossed" })).toEqual({ ok: false, reason: "notFound" });
      expect((await systemDb().customer.findFirstOrThrow({ where: { id: theirs.id } })).name).toBe("Inline Not The Rep's");
    } finally {
      await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
    }
  });
});

describe("opportunity cells", () => {
  it("changes an amount with its currency, a stage and a close date, writing the history", async () => {
    const before = await opportunity(owner, "Inline Deal");
    const amount = await editOpportunityCell(owner, { id: before.id, version: before.version, field: "amount", value: "2,500", currency: "EUR" });
    expect(amount).toEqual({ ok: true, version: before.version + 1, current: { value: "2500", currency: "EUR" } });
    const last = (await history(before.id)).at(-1)!;
    expect(last).toMatchObject({ action: "updated", actorId: owner.user.id, changes: { amount: { from: "1200.5", to: "2500" }, currency: { from: "USD", to: "EUR" } } });

    const stage = await editOpportunityCell(owner, { id: before.id, version: before.version + 1, field: "stageId", value: stages.Proposal!.id });
    expect(stage).toMatchObject({ ok: true, current: { value: stages.Proposal!.id, name: "Proposal" } });
    expect(await systemDb().opportunityStageChange.count({ where: { opportunityId: before.id } })).toBe(2);
    const date = await editOpportunityCell(owner, { id: before.id, version: before.version + 2, field: "expectedCloseDate", value: "2027-04-15" });
    expect(date).toMatchObject({ ok: true, current: { value: "2027-04-15" } });
    const after = await systemDb().opportunity.findFirstOrThrow({ where: { id: before.id } });
    expect({ title: after.title, amount: after.amount.toString(), probability: after.probability }).toEqual({ title: "Inline Deal", amount: "2500", probability: 50 });
  });

  it("refuses an invalid amount or date with the form's message and changes nothing", async () => {
    const before = await opportunity(owner, "Inline Bad Amount");
    expect(await editOpportunityCell(owner, { id: before.id, version: before.version, field: "amount", value: "12,34x", currency: "USD" })).toEqual({ ok: false, reason: "invalid", message: "amountInvalid?decimals=2" });
    expect(await editOpportunityCell(owner, { id: before.id, version: before.version, field: "amount", value: "10.5", currency: "JPY" })).toEqual({ ok: false, reason: "invalid", message: "amountTooManyDecimals?decimals=0" });
    expect(await editOpportunityCell(owner, { id: before.id, version: before.version, field: "expectedCloseDate", value: "2027-02-30" })).toEqual({ ok: false, reason: "invalid", message: "dateInvalid" });
    expect(await editOpportunityCell(owner, { id: before.id, version: before.version, field: "stageId", value: stages.Lost!.id })).toEqual({ ok: false, reason: "invalid", message: "lostReasonRequired" });
    expect(await systemDb().opportunity.findFirstOrThrow({ where: { id: before.id } })).toEqual(before);
    expect(await history(before.id)).toHaveLength(1);
  });

  it("moves into a Lost stage with the reason the form asks for", async () => {
    const before = await opportunity(owner, "Inline Lost Deal");
    const lost = await editOpportunityCell(owner, { id: before.id, version: before.version, field: "stageId", value: stages.Lost!.id, lostReason: "Went with a rival" });
    expect(lost).toMatchObject({ ok: true, current: { value: stages.Lost!.id, name: "Lost" } });
    const after = await systemDb().opportunity.findFirstOrThrow({ where: { id: before.id } });
    expect({ lostReason: after.lostReason, closed: after.closedAt !== null }).toEqual({ lostReason: "Went with a rival", closed: true });
    // Another cell of a lost opportunity keeps its reason (the form's rule is met by the stored one).
    expect(await editOpportunityCell(owner, { id: before.id, version: after.version, field: "title", value: "Inline Lost Deal, renamed" })).toMatchObject({ ok: true });
    expect((await systemDb().opportunity.findFirstOrThrow({ where: { id: before.id } })).lostReason).toBe("Went with a rival");
  });

  it("refuses an edit of an old version, naming who saved the newer one, with the value now", async () => {
    const before = await opportunity(owner, "Inline Opportunity Race");
    expect(await editOpportunityCell(admin, { id: before.id, version: before.version, field: "title", value: "Renamed by Ada" })).toMatchObject({ ok: true });
    const result = await editOpportunityCell(owner, { id: before.id, version: before.version, field: "title", value: "Renamed by the owner" });
    expect(result).toMatchObject({ ok: false, reason: "conflict", changedBy: "Ada Admin", version: before.version + 1, current: { value: "Renamed by Ada" } });
    expect((await systemDb().opportunity.findFirstOrThrow({ where: { id: before.id } })).title).toBe("Renamed by Ada");
  });

  it("refuses a Sales rep an opportunity hidden from them, a read-only member, and another workspace", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    try {
      const theirs = await opportunity(owner, "Inline Hidden Deal");
      expect(await editOpportunityCell(rep, { id: theirs.id, version: theirs.version, field: "title", value: "Mine now" })).toEqual({ ok: false, reason: "notFound" });
      await expect(editOpportunityCell(viewer, { id: theirs.id, version: theirs.version, field: "title", value: "Viewed" })).rejects.toThrow(PermissionDeniedError);
      expect(await editOpportunityCell(outsider, { id: theirs.id, version: theirs.version, field: "title", value: "Crossed" })).toEqual({ ok: false, reason: "notFound" });
      expect((await systemDb().opportunity.findFirstOrThrow({ where: { id: theirs.id } })).title).toBe("Inline Hidden Deal");
    } finally {
      await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
    }
  });
});
