// Opportunities DAL: who may do what (read-only, reps restricted to their own records, another
// workspace), the stage history and closedAt, the lost reason, the version check, the stage's
// default probability, and a contact that belongs to another customer.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import type { User } from "@/lib/generated/prisma/client";
import { createOpportunity, deleteOpportunity, updateOpportunity } from "./write-opportunity";
import { moveOpportunity } from "./move-opportunity";
import { getOpportunity, listStageChanges } from "./get-opportunity";
import { listBoard, listOpportunities } from "./list-opportunities";
import { parseOpportunityListQuery } from "./list-query";
import { searchPickableCustomers } from "./pickers";
import { compareNames } from "@/lib/i18n/name-order";

let ws: TestWorkspace;
let owner: MemberContext;
let rep: User;
let repCtx: MemberContext;
let stages: Record<string, { id: string; probability: number }>;

async function customer(ownerId: string, name = "Acme") {
  return systemDb().customer.create({ data: { tenantId: ws.tenant.id, name, ownerId, tags: ["vip"], searchText: name.toLowerCase() } });
}
async function contact(customerId: string, name = "Ann") {
  return systemDb().contact.create({ data: { tenantId: ws.tenant.id, customerId, name } });
}

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  rep = await addMember(ws.tenant.id, "SALES_REP");
  repCtx = memberContext(rep, ws.tenant);
  const rows = await systemDb().pipelineStage.findMany({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } });
  stages = Object.fromEntries(rows.map((row) => [row.name, row]));
});

async function create(ctx: MemberContext, extra: Record<string, unknown> = {}) {
  const acme = await customer(ctx.user.id);
  const result = await createOpportunity(ctx, { title: "Deal", customerId: acme.id, currency: "USD", amount: "1,000.50", stageId: stages.Qualification.id, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { id: result.id, customer: acme };
}

describe("defaults", () => {
  it("seeds the six default stages for a new workspace, in Chinese for a Chinese sign-up", async () => {
    expect(Object.keys(stages)).toEqual(["Qualification", "Needs analysis", "Proposal", "Negotiation", "Won", "Lost"]);
    const zh = await createWorkspace({ locale: "zh-CN" });
    const names = await systemDb().pipelineStage.findMany({ where: { tenantId: zh.tenant.id }, orderBy: { position: "asc" } });
    expect(names.map((s) => s.name)).toEqual(["资格确认", "需求分析", "方案报价", "商务谈判", "赢单", "输单"]);
    expect(names.map((s) => s.kind)).toEqual(["OPEN", "OPEN", "OPEN", "OPEN", "WON", "LOST"]);
  });

  it("takes the stage's probability when none is typed, and the typed one otherwise", async () => {
    const { id } = await create(owner);
    expect((await getOpportunity(owner, id))?.probability).toBe(10);
    const { id: other } = await create(owner, { probability: "33" });
    expect((await getOpportunity(owner, other))?.probability).toBe(33);
    expect((await getOpportunity(owner, id))?.amount).toBe("1000.5");
  });
});

describe("permissions", () => {
  it("refuses every write to a read-only member", async () => {
    const viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
    const { id, customer: acme } = await create(owner);
    await expect(createOpportunity(viewer, { title: "X", customerId: acme.id, currency: "USD", stageId: stages.Proposal.id })).rejects.toThrow(PermissionDeniedError);
    await expect(moveOpportunity(viewer, { id, stageId: stages.Proposal.id })).rejects.toThrow(PermissionDeniedError);
    await expect(deleteOpportunity(viewer, id)).rejects.toThrow(PermissionDeniedError);
    // Reading is fine.
    expect((await getOpportunity(viewer, id))?.title).toBe("Deal");
  });

  it("hides another's opportunity from a rep restricted to own records, by list, board and id", async () => {
    const { id } = await create(owner);
    const mine = await create(repCtx, { title: "Mine" });
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    expect(await getOpportunity(repCtx, id)).toBeNull();
    expect(await listStageChanges(repCtx, id)).toBeNull();
    expect(await moveOpportunity(repCtx, { id, stageId: stages.Proposal.id })).toEqual({ ok: false, reason: "notFound" });
    expect(await deleteOpportunity(repCtx, id)).toEqual({ ok: false, reason: "notFound" });
    const list = await listOpportunities(repCtx, parseOpportunityListQuery({}).query);
    expect(list.rows.map((row) => row.id)).toEqual([mine.id]);
    const board = await listBoard(repCtx, {});
    expect(board.flatMap((column) => column.cards.map((card) => card.id))).toEqual([mine.id]);
    // Without the setting, the rep sees it.
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
    expect((await getOpportunity(repCtx, id))?.id).toBe(id);
  });

  it("never reaches another workspace's opportunity", async () => {
    const { id, customer: acme } = await create(owner);
    const other = await createWorkspace();
    const stranger = memberContext(other.owner, other.tenant);
    expect(await getOpportunity(stranger, id)).toBeNull();
    expect(await moveOpportunity(stranger, { id, stageId: stages.Proposal.id })).toEqual({ ok: false, reason: "notFound" });
    const foreignStage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: other.tenant.id } });
    const result = await createOpportunity(stranger, { title: "X", customerId: acme.id, currency: "USD", stageId: foreignStage.id });
    expect(result).toEqual({ ok: false, fieldErrors: { customerId: ["opportunityCustomerNotFound"] } });
  });
});

describe("stage changes", () => {
  it("records every stage change with who and when, and sets and clears closedAt", async () => {
    const { id } = await create(owner);
    let moved = await moveOpportunity(repCtx, { id, stageId: stages.Won.id });
    expect(moved.ok).toBe(true);
    let row = await getOpportunity(owner, id);
    expect(row?.closedAt).toBeInstanceOf(Date);
    expect(row?.probability).toBe(100);
    moved = await moveOpportunity(owner, { id, stageId: stages.Negotiation.id });
    row = await getOpportunity(owner, id);
    expect(row?.closedAt).toBeNull();
    expect(row?.version).toBe(3);
    const history = await listStageChanges(owner, id);
    expect(history?.map((change) => [change.fromStage?.name ?? null, change.toStage.name, change.changedBy?.id])).toEqual([
      [null, "Qualification", ws.owner.id],
      ["Qualification", "Won", rep.id],
      ["Won", "Negotiation", ws.owner.id],
    ]);
    const fieldHistory = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, entityId: id }, orderBy: { changedAt: "asc" } });
    expect(fieldHistory.map((entry) => entry.action)).toEqual(["created", "stage-changed", "stage-changed"]);
    expect(fieldHistory[1].changes).toMatchObject({ stageId: { from: stages.Qualification.id, to: stages.Won.id } });
  });

  it("requires a lost reason to move to a Lost stage, and clears it on leaving", async () => {
    const { id } = await create(owner);
    expect(await moveOpportunity(owner, { id, stageId: stages.Lost.id })).toEqual({ ok: false, fieldErrors: { lostReason: ["lostReasonRequired"] } });
    expect((await getOpportunity(owner, id))?.stageId).toBe(stages.Qualification.id);
    expect((await moveOpportunity(owner, { id, stageId: stages.Lost.id, lostReason: "Price" })).ok).toBe(true);
    let row = await getOpportunity(owner, id);
    expect([row?.lostReason, row?.closedAt instanceof Date]).toEqual(["Price", true]);
    await moveOpportunity(owner, { id, stageId: stages.Proposal.id });
    row = await getOpportunity(owner, id);
    expect([row?.lostReason, row?.closedAt]).toEqual([null, null]);
  });
});

describe("editing", () => {
  it("refuses an edit made from a stale version and keeps the other person's change", async () => {
    const { id, customer: acme } = await create(owner);
    const base = { id, title: "Deal", customerId: acme.id, currency: "USD", amount: "5", stageId: stages.Qualification.id, probability: "10" };
    expect((await updateOpportunity(owner, { ...base, title: "First", version: 1 })).ok).toBe(true);
    expect(await updateOpportunity(repCtx, { ...base, title: "Second", version: 1 })).toEqual({ ok: false, reason: "conflict" });
    expect((await getOpportunity(owner, id))?.title).toBe("First");
    const changes = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, entityId: id, action: "updated" } });
    expect(changes).toHaveLength(1);
    expect(changes[0].changes).toMatchObject({ title: { from: "Deal", to: "First" }, amount: { from: "1000.5", to: "5" } });
  });

  it("refuses a contact of another customer and amounts the currency can't hold", async () => {
    const acme = await customer(ws.owner.id);
    const globex = await customer(ws.owner.id, "Globex");
    const bob = await contact(globex.id, "Bob");
    expect(await createOpportunity(owner, { title: "X", customerId: acme.id, contactId: bob.id, currency: "USD", stageId: stages.Proposal.id })).toEqual({
      ok: false,
      fieldErrors: { contactId: ["opportunityContactNotOfCustomer"] },
    });
    const jpy = await createOpportunity(owner, { title: "X", customerId: acme.id, currency: "JPY", amount: "10.5", stageId: stages.Proposal.id });
    expect(jpy).toEqual({ ok: false, fieldErrors: { amount: ["amountTooManyDecimals?decimals=0"] } });
    const negative = await createOpportunity(owner, { title: "X", customerId: acme.id, currency: "USD", amount: "-3", stageId: stages.Proposal.id });
    expect(negative).toEqual({ ok: false, fieldErrors: { amount: ["amountNegative?decimals=2"] } });
    const badDate = await createOpportunity(owner, { title: "X", customerId: acme.id, currency: "USD", expectedCloseDate: "2026-02-30", stageId: stages.Proposal.id });
    expect(badDate).toEqual({ ok: false, fieldErrors: { expectedCloseDate: ["dateInvalid"] } });
    expect(await systemDb().opportunity.count({ where: { tenantId: ws.tenant.id } })).toBe(0);
  });
});

describe("listing", () => {
  it("pages by keyset across ties without repeats or gaps, and filters", async () => {
    const acme = await customer(ws.owner.id);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await createOpportunity(owner, { title: `Same`, customerId: acme.id, currency: "USD", amount: "1", stageId: stages.Proposal.id });
      if (result.ok) ids.push(result.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOpportunities(owner, { ...parseOpportunityListQuery({ sort: "title" }).query, cursor }, 3);
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...ids].sort());
    const filtered = await listOpportunities(owner, parseOpportunityListQuery({ tag: "nope" }).query);
    expect(filtered.rows).toHaveLength(0);
    const board = await listBoard(owner, {});
    const proposal = board.find((column) => column.stage.id === stages.Proposal.id);
    expect(proposal?.count).toBe(7);
    expect(proposal?.totals).toEqual([{ currency: "USD", amount: "7" }]);
  });

  it("pages a search over title and customer-name matches in every sort and direction, ties included, without repeats or gaps", async () => {
    const harbour = await customer(ws.owner.id, "Harbour Foods");
    const other = await customer(ws.owner.id, "Other Co");
    // A contact called Harbour puts "harbour" in Other Co's search text, but not in its name.
    await contact(other.id, "Harbour Person");
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: other.id } }, data: { searchText: "other co | harbour person" } });
    const trashed = await customer(ws.owner.id, "Harbour Trashed");
    const make = async (title: string, customerId: string, amount: string) => {
      const result = await createOpportunity(owner, { title, customerId, currency: "USD", amount, stageId: stages.Proposal.id });
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.id;
    };
    const expected = [
      await make("Harbour deal", other.id, "5"),
      await make("Harbour deal", other.id, "5"),
      await make("harbour 100% deal", other.id, "7"),
      await make("Plain", harbour.id, "5"),
      await make("Plain", harbour.id, "1"),
      await make("Zed", harbour.id, "9"),
    ];
    await make("Plain", other.id, "5");
    await make("Harbour in the trash", trashed.id, "5");
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: trashed.id } }, data: { deletedAt: new Date() } });
    const gone = await make("Harbour deleted", other.id, "5");
    expect((await deleteOpportunity(owner, gone)).ok).toBe(true);
    // Equal creation times: the id breaks the tie.
    const tied = new Date("2026-11-01T10:00:00Z");
    await systemDb().opportunity.updateMany({ where: { tenantId: ws.tenant.id, id: { in: expected.slice(0, 4) } }, data: { createdAt: tied } });

    const rows = await systemDb().opportunity.findMany({ where: { tenantId: ws.tenant.id, id: { in: expected } } });
    for (const sort of ["createdAt", "title", "amount", "updatedAt"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const key = (row: (typeof rows)[number]) => (sort === "amount" ? Number(row.amount) : row[sort === "title" ? "createdAt" : sort].getTime());
        // Titles in the (English) reader's order, as the list sorts them; ids by their bytes.
        const compareKeys = (x: (typeof rows)[number], y: (typeof rows)[number]) =>
          sort === "title" ? compareNames("en")(x.title, y.title) : key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;
        const order = [...rows]
          .sort((a, b) => compareKeys(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((row) => row.id);
        if (dir === "desc") order.reverse();
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listOpportunities(owner, { view: "table", q: "harbour", sort, dir, cursor }, 4);
          expect(page.badCursor).toBe(false);
          seen.push(...page.rows.map((row) => row.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, `${sort} ${dir}`).toEqual(order);
      }
    }
    // Typed wildcards are literal; the board counts every match, not just a page.
    const literal = await listOpportunities(owner, { view: "table", q: "100%", sort: "createdAt", dir: "desc" });
    expect(literal.rows.map((row) => row.title)).toEqual(["harbour 100% deal"]);
    expect((await listOpportunities(owner, { view: "table", q: "harbour_deal", sort: "createdAt", dir: "desc" })).rows).toEqual([]);
    const board = await listBoard(owner, { q: "HARBOUR" });
    const proposal = board.find((column) => column.stage.id === stages.Proposal.id)!;
    expect(proposal.count).toBe(6);
    expect(proposal.totals).toEqual([{ currency: "USD", amount: "32" }]);
    expect(proposal.cards.map((card) => card.id).sort()).toEqual([...expected].sort());
    expect(proposal.cards[0]).toMatchObject({ customer: { name: expect.any(String) }, owner: { id: ws.owner.id }, stage: { id: stages.Proposal.id, kind: "OPEN" } });
  });

  it("shows a rep restricted to own records only their matches, their own or on their customers", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    const theirs = await customer(rep.id, "Lantern Rep Customer");
    const ownersCustomer = await customer(ws.owner.id, "Lantern Owner Customer");
    const onTheirCustomer = await createOpportunity(owner, { title: "Lantern A", customerId: theirs.id, currency: "USD", stageId: stages.Proposal.id });
    const theirOwn = await createOpportunity(repCtx, { title: "Lantern B", customerId: theirs.id, currency: "USD", stageId: stages.Proposal.id });
    await createOpportunity(owner, { title: "Lantern C", customerId: ownersCustomer.id, currency: "USD", stageId: stages.Proposal.id });
    if (!onTheirCustomer.ok || !theirOwn.ok) throw new Error("setup");
    const titles = async (q: string) => (await listOpportunities(repCtx, { view: "table", q, sort: "title", dir: "asc" })).rows.map((row) => row.title);
    expect(await titles("lantern")).toEqual(["Lantern A", "Lantern B"]);
    expect(await titles("owner customer")).toEqual([]);
    const board = await listBoard(repCtx, { q: "lantern" });
    expect(board.find((column) => column.stage.id === stages.Proposal.id)?.count).toBe(2);
  });

  it("offers in the customer picker only customers the member may see, by a fragment of their name in any script", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    await customer(rep.id, "Quarry Works 华兴");
    await customer(ws.owner.id, "Quarry Hidden");
    const other = await customer(ws.owner.id, "Unrelated");
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: other.id } }, data: { searchText: "unrelated | quarry contact" } });
    const names = async (ctx: MemberContext, q: string) => (await searchPickableCustomers(ctx, q)).map((row) => row.name);
    expect(await names(owner, "QUARRY")).toEqual(["Quarry Hidden", "Quarry Works 华兴"]);
    expect(await names(repCtx, "quarry")).toEqual(["Quarry Works 华兴"]);
    expect(await names(owner, "华兴")).toEqual(["Quarry Works 华兴"]);
    expect(await names(owner, "quarry contact")).toEqual([]);
  });

  it("reports bad URL values instead of failing", () => {
    const parsed = parseOpportunityListQuery({ closeFrom: "2026-13-01", sort: "nope", view: "table", owner: "me" });
    expect(parsed.ignored.sort()).toEqual(["closeFrom", "sort"]);
    expect(parsed.query.view).toBe("table");
  });
});
