// Bulk actions on customers as members and attackers see them: a Sales rep's bulk change reaches
// only the customers they may edit, whatever ids they send; another workspace's ids change nothing;
// each action leaves one audit entry with its count, and one field-history row per changed record;
// "all matching" is resolved from the filters on the server and refused past the limit; a bulk move
// to the trash is undone in one step; 10,000 customers change in one action.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, uniqueSuffix, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { BULK_LIMIT } from "../crm/bulk-selection";
import { createCustomer } from "./write-customer";
import { listCustomers } from "./list-customers";
import { bulkUpdateCustomers, restoreBulkTrashedCustomers } from "./bulk-update-customers";

let ws: TestWorkspace;
let other: TestWorkspace;
let owner: MemberContext;
let admin: MemberContext;
let rep: MemberContext;
let rep2: MemberContext;
let viewer: MemberContext;
let outsider: MemberContext;

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  rep2 = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
  outsider = memberContext(other.owner, other.tenant);
});

async function customer(ctx: MemberContext, name: string, extra: Record<string, unknown> = {}) {
  const made = await createCustomer(ctx, customerInputSchema.parse({ name, ownerId: ctx.user.id, ...extra }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function row(id: string) {
  return systemDb().customer.findFirstOrThrow({ where: { id } });
}

async function setOwnOnly(tenantId: string, value: boolean) {
  await systemDb().tenant.update({ where: { id: tenantId }, data: { repsSeeOwnRecordsOnly: value } });
}

async function bulkEvents(tenantId = ws.tenant.id) {
  return auditEvents(tenantId, "records.bulk_changed");
}

describe("bulk changes by id", () => {
  it("lets a Sales rep who sees only their own records change only those, and says how many were skipped", async () => {
    await setOwnOnly(ws.tenant.id, true);
    try {
      const mine = [await customer(rep, "Rep One"), await customer(rep, "Rep Two")];
      const theirs = await customer(rep2, "Rep2 Only");
      const owners = await customer(owner, "Owner's");
      const before = await bulkEvents();

      const result = await bulkUpdateCustomers(rep, { ids: [...mine, theirs, owners] }, { kind: "status", status: "ACTIVE" }, TEST_META);
      expect(result).toEqual({ ok: true, changed: 2, skipped: { notFound: 2, unchanged: 0, tagsFull: 0 } });
      expect((await row(mine[0]!)).status).toBe("ACTIVE");
      expect((await row(theirs)).status).toBe("LEAD");
      expect((await row(owners)).status).toBe("LEAD");
      expect((await row(theirs)).version).toBe(1);

      // Handing them to someone else is the single edit's rule too: a rep may only take records.
      expect(await bulkUpdateCustomers(rep, { ids: mine }, { kind: "owner", ownerId: rep2.user.id }, TEST_META)).toEqual({ ok: false, reason: "ownerInvalid" });
      expect((await row(mine[0]!)).ownerId).toBe(rep.user.id);

      // "All matching" for the rep is the rep's own list, never the workspace.
      const all = await bulkUpdateCustomers(rep, { filters: { q: "Rep" } }, { kind: "addTag", tag: "hot" }, TEST_META);
      expect(all).toMatchObject({ ok: true, changed: 2 });
      expect((await row(theirs)).tags).toEqual([]);

      const events = (await bulkEvents()).slice(before.length);
      expect(events).toHaveLength(2);
      expect(events[0]!.actorUserId).toBe(rep.user.id);
      expect(events[0]!.data).toMatchObject({ what: "customers", action: "status", value: "ACTIVE", changed: 2, skipped: 2 });
      expect(String((events[0]!.data as { ids: string }).ids).split(",").sort()).toEqual([...mine].sort());
      expect(events[1]!.data).toMatchObject({ what: "customers", action: "addTag", value: "hot", changed: 2, filters: { q: "Rep" } });
    } finally {
      await setOwnOnly(ws.tenant.id, false);
    }
  });

  it("ignores another workspace's ids and changes nothing there", async () => {
    const theirs = await customer(outsider, "Outside Co");
    const ours = await customer(owner, "Inside Co");
    const result = await bulkUpdateCustomers(owner, { ids: [theirs, ours] }, { kind: "owner", ownerId: admin.user.id }, TEST_META);
    expect(result).toEqual({ ok: true, changed: 1, skipped: { notFound: 1, unchanged: 0, tagsFull: 0 } });
    expect((await row(theirs)).ownerId).toBe(outsider.user.id);
    expect((await row(ours)).ownerId).toBe(admin.user.id);
    // Nor can the outsider reach ours, or hand theirs to one of our members.
    expect(await bulkUpdateCustomers(outsider, { ids: [ours] }, { kind: "status", status: "INACTIVE" }, TEST_META)).toMatchObject({ ok: true, changed: 0, skipped: { notFound: 1 } });
    expect(await bulkUpdateCustomers(outsider, { ids: [theirs] }, { kind: "owner", ownerId: owner.user.id }, TEST_META)).toEqual({ ok: false, reason: "ownerInvalid" });
    expect((await row(ours)).status).toBe("LEAD");
    expect(await bulkEvents(other.tenant.id)).toHaveLength(1);
  });

  it("refuses a member who may not edit records, and an empty selection", async () => {
    const id = await customer(owner, "Read Only Target");
    await expect(bulkUpdateCustomers(viewer, { ids: [id] }, { kind: "trash" }, TEST_META)).rejects.toThrow(PermissionDeniedError);
    // Nor may a Viewer be made the owner: they can't work the records they'd own.
    expect(await bulkUpdateCustomers(owner, { ids: [id] }, { kind: "owner", ownerId: viewer.user.id }, TEST_META)).toEqual({ ok: false, reason: "ownerInvalid" });
    expect((await row(id)).ownerId).toBe(owner.user.id);
    expect(await bulkUpdateCustomers(owner, { ids: [] }, { kind: "trash" }, TEST_META)).toEqual({ ok: false, reason: "nothingSelected" });
    expect(await bulkUpdateCustomers(owner, { ids: ["x' OR 1=1 --"] }, { kind: "trash" }, TEST_META)).toEqual({ ok: false, reason: "nothingSelected" });
    expect((await row(id)).deletedAt).toBeNull();
  });

  it("adds and removes tags ignoring case, leaving what already matches and what has no room", async () => {
    const plain = await customer(owner, "Tags Plain");
    const has = await customer(owner, "Tags Has", { tags: "VIP, north" });
    const full = await customer(owner, "Tags Full", { tags: Array.from({ length: 20 }, (_, i) => `t${i}`).join(",") });
    const added = await bulkUpdateCustomers(owner, { ids: [plain, has, full] }, { kind: "addTag", tag: "vip" }, TEST_META);
    expect(added).toEqual({ ok: true, changed: 1, skipped: { notFound: 0, unchanged: 1, tagsFull: 1 } });
    expect((await row(plain)).tags).toEqual(["vip"]);
    expect((await row(has)).tags).toEqual(["VIP", "north"]);
    expect((await row(full)).tags).toHaveLength(20);

    const removed = await bulkUpdateCustomers(owner, { ids: [plain, has, full] }, { kind: "removeTag", tag: "Vip" }, TEST_META);
    expect(removed).toEqual({ ok: true, changed: 2, skipped: { notFound: 0, unchanged: 1, tagsFull: 0 } });
    expect((await row(has)).tags).toEqual(["north"]);

    // The field history says what the single edit says: which field, from what, to what.
    const history = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, entityId: has }, orderBy: { changedAt: "asc" } });
    expect(history.map((entry) => entry.action)).toEqual(["created", "updated"]);
    expect(history[1]!.changes).toEqual({ tags: { from: ["VIP", "north"], to: ["north"] } });
    expect(history[1]!.actorId).toBe(owner.user.id);
    expect((await row(has)).version).toBe(2);
  });
});

describe("all matching", () => {
  it("resolves the filters on the server, moves them to the trash in one action, and undoes it", async () => {
    const tag = `batch-${uniqueSuffix()}`;
    const ids = [await customer(owner, "Trash A", { tags: tag }), await customer(owner, "Trash B", { tags: tag })];
    const spared = await customer(owner, "Trash Spared");
    const before = await bulkEvents();
    const result = await bulkUpdateCustomers(owner, { filters: { tag } }, { kind: "trash" }, TEST_META);
    expect(result).toMatchObject({ ok: true, changed: 2 });
    if (!result.ok || !result.trashedAt) throw new Error("no trash stamp");
    expect((await listCustomers(owner, { tag, sort: "name", dir: "asc", pageSize: 50 })).rows).toHaveLength(0);
    expect((await row(spared)).deletedAt).toBeNull();
    for (const id of ids) expect((await row(id)).deletedById).toBe(owner.user.id);

    // Undo is an Admin's, like restoring one customer; it takes back exactly this action's records.
    await expect(restoreBulkTrashedCustomers(rep, result.trashedAt, TEST_META)).rejects.toThrow(PermissionDeniedError);
    expect(await restoreBulkTrashedCustomers(admin, result.trashedAt, TEST_META)).toEqual({ restored: 0 });
    expect(await restoreBulkTrashedCustomers(owner, result.trashedAt, TEST_META)).toEqual({ restored: 2 });
    expect((await listCustomers(owner, { tag, sort: "name", dir: "asc", pageSize: 50 })).rows).toHaveLength(2);
    const history = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, entityId: ids[0] }, orderBy: { changedAt: "asc" } });
    expect(history.map((entry) => entry.action)).toEqual(["created", "deleted", "restored"]);
    const events = (await bulkEvents()).slice(before.length);
    expect(events.map((event) => (event.data as { action: string }).action)).toEqual(["trash", "restore", "restore"]);
  });

  it(`changes ${BULK_LIMIT.toLocaleString("en")} customers in one action and refuses one more`, async () => {
    const big = await createWorkspace();
    const bigOwner = memberContext(big.owner, big.tenant);
    const newOwner = await addMember(big.tenant.id, "MANAGER");
    await systemDb().customer.createMany({
      data: Array.from({ length: BULK_LIMIT }, (_, i) => ({ tenantId: big.tenant.id, name: `Bulk ${String(i).padStart(5, "0")}`, ownerId: big.owner.id, searchText: `bulk ${i}` })),
    });
    const result = await bulkUpdateCustomers(bigOwner, { filters: {} }, { kind: "owner", ownerId: newOwner.id }, TEST_META);
    expect(result).toEqual({ ok: true, changed: BULK_LIMIT, skipped: { notFound: 0, unchanged: 0, tagsFull: 0 } });
    expect(await systemDb().customer.count({ where: { tenantId: big.tenant.id, ownerId: newOwner.id } })).toBe(BULK_LIMIT);
    expect(await systemDb().recordChange.count({ where: { tenantId: big.tenant.id, action: "updated", entityType: "customer" } })).toBe(BULK_LIMIT);
    const events = await bulkEvents(big.tenant.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ changed: BULK_LIMIT, filters: {} });

    await customer(bigOwner, "One Too Many");
    expect(await bulkUpdateCustomers(bigOwner, { filters: {} }, { kind: "status", status: "ACTIVE" }, TEST_META)).toEqual({ ok: false, reason: "tooMany", limit: BULK_LIMIT });
    expect(await systemDb().customer.count({ where: { tenantId: big.tenant.id, status: "ACTIVE" } })).toBe(0);
  }, 120_000);
});
