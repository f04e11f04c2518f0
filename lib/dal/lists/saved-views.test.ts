// Saved views of the lists: personal ones are their creator's alone, shared ones every member's to
// open but only their creator's or an Owner's/Admin's to change (audited), names are unique per
// creator and list, nothing crosses workspaces, and a stored query is parsed again when applied so
// a tampered row applies only what the list accepts, inside the viewer's own visibility.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { createCustomer } from "../customers/write-customer";
import { listCustomers } from "../customers/list-customers";
import { parseCustomerListQuery } from "../customers/list-query";
import { changeSavedView, createSavedView, deleteSavedView, getSavedView, listSavedViews, resolveListRequest } from "./saved-views";

let ws: TestWorkspace;
let owner: MemberContext;
let admin: MemberContext;
let rep: MemberContext;
let rep2: MemberContext;

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  rep2 = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
});

const names = async (ctx: MemberContext, list: "customers" | "opportunities" = "customers") => (await listSavedViews(ctx, list)).map((view) => view.name);

async function save(ctx: MemberContext, name: string, shared: boolean, query = "status=LEAD&sort=-createdAt") {
  const result = await createSavedView(ctx, { list: "customers", name, shared, query }, TEST_META);
  if (!("id" in result)) throw new Error(`not saved: ${result.error}`);
  return result.id;
}

describe("creating, listing, updating and deleting", () => {
  it("saves the list's query as its parser reads it, lists it by name, overwrites, renames and deletes it", async () => {
    const id = await save(rep, "Hot leads", false, "sort=-createdAt&status=LEAD&cursor=abc&bogus=1&pageSize=25");
    const [view] = await listSavedViews(rep, "customers");
    // The page (cursor) and unknown keys are not part of a view.
    expect(view).toMatchObject({ id, name: "Hot leads", shared: false, mine: true, canManage: true, query: "status=LEAD&sort=-createdAt&pageSize=25" });

    expect(await changeSavedView(rep, "customers", id, { query: "industry=technology&cols=status,owner" }, TEST_META)).toEqual({ ok: true });
    expect((await getSavedView(rep, "customers", id))?.query).toBe("industry=technology&cols=status%2Cowner");
    expect(await changeSavedView(rep, "customers", id, { name: "  Tech  " }, TEST_META)).toEqual({ ok: true });
    expect(await names(rep)).toEqual(["Tech"]);

    expect(await deleteSavedView(rep, "customers", id, TEST_META)).toEqual({ ok: true });
    expect(await names(rep)).toEqual([]);
    expect(await deleteSavedView(rep, "customers", id, TEST_META)).toEqual({ error: "savedViewNotFound" });
  });

  it("keeps names unique per creator and list (ignoring case), not across members or lists", async () => {
    await save(rep, "Hot leads", false);
    expect(await createSavedView(rep, { list: "customers", name: "HOT LEADS ", shared: true, query: "" }, TEST_META)).toEqual({ error: "savedViewNameTaken" });
    expect(await names(rep)).toEqual(["Hot leads"]);
    // Another member, or the other list, may use the name.
    await save(rep2, "Hot leads", false);
    expect("id" in (await createSavedView(rep, { list: "opportunities", name: "Hot leads", shared: false, query: "view=table" }, TEST_META))).toBe(true);
    // A rename onto a taken name is refused too.
    const other = await save(rep, "Cold", false);
    expect(await changeSavedView(rep, "customers", other, { name: "hot leads" }, TEST_META)).toEqual({ error: "savedViewNameTaken" });
    expect(await names(rep)).toEqual(["Cold", "Hot leads"]);
  });
});

describe("personal and shared views", () => {
  it("shows a personal view to its creator only, a shared one to every member", async () => {
    await save(rep, "Mine only", false);
    const shared = await save(rep, "Team leads", true);
    expect(await names(rep)).toEqual(["Mine only", "Team leads"]);
    expect(await names(rep2)).toEqual(["Team leads"]);
    expect(await names(owner)).toEqual(["Team leads"]);
    expect((await listSavedViews(rep2, "customers"))[0]).toMatchObject({ id: shared, mine: false, canManage: false, ownerName: rep.user.name });
    // Views of one list don't show on the other.
    expect(await names(rep2, "opportunities")).toEqual([]);
  });

  it("lets only the creator or an Owner/Admin change or delete a shared view; another member can't even reach a personal one", async () => {
    const personal = await save(rep, "Mine only", false);
    const shared = await save(rep, "Team leads", true, "status=LEAD");

    expect(await changeSavedView(rep2, "customers", shared, { query: "status=INACTIVE" }, TEST_META)).toEqual({ error: "savedViewNotYours" });
    expect(await changeSavedView(rep2, "customers", shared, { name: "Taken over" }, TEST_META)).toEqual({ error: "savedViewNotYours" });
    expect(await deleteSavedView(rep2, "customers", shared, TEST_META)).toEqual({ error: "savedViewNotYours" });
    expect(await changeSavedView(rep2, "customers", personal, { name: "Peek" }, TEST_META)).toEqual({ error: "savedViewNotFound" });
    expect(await getSavedView(rep2, "customers", personal)).toBeNull();
    // An Admin can't reach someone's personal view either.
    expect(await deleteSavedView(admin, "customers", personal, TEST_META)).toEqual({ error: "savedViewNotFound" });
    expect((await getSavedView(rep, "customers", shared))?.query).toBe("status=LEAD");

    // An Admin tidies the shared one, but can't take it away from the workspace.
    expect(await changeSavedView(admin, "customers", shared, { name: "Leads (team)", shared: false }, TEST_META)).toEqual({ ok: true });
    expect(await names(rep2)).toEqual(["Leads (team)"]);
    expect(await deleteSavedView(owner, "customers", shared, TEST_META)).toEqual({ ok: true });
    expect(await names(rep)).toEqual(["Mine only"]);
  });

  it("audits sharing, changing and deleting a shared view, and nothing about personal ones", async () => {
    const personal = await save(rep, "Mine only", false);
    await changeSavedView(rep, "customers", personal, { query: "status=ACTIVE" }, TEST_META);
    await deleteSavedView(rep, "customers", personal, TEST_META);
    expect(await auditEvents(ws.tenant.id, "saved_view.shared")).toHaveLength(0);
    expect(await auditEvents(ws.tenant.id, "saved_view.changed")).toHaveLength(0);
    expect(await auditEvents(ws.tenant.id, "saved_view.deleted")).toHaveLength(0);

    const shared = await save(rep, "Team leads", true, "status=LEAD");
    await changeSavedView(admin, "customers", shared, { query: "status=ACTIVE" }, TEST_META);
    await deleteSavedView(owner, "customers", shared, TEST_META);
    const [created] = await auditEvents(ws.tenant.id, "saved_view.shared");
    expect(created).toMatchObject({ actorUserId: rep.user.id, data: { name: "Team leads", list: "customers", filters: "status=LEAD" } });
    const [changed] = await auditEvents(ws.tenant.id, "saved_view.changed");
    expect(changed).toMatchObject({ actorUserId: admin.user.id, data: { name: "Team leads", changes: { query: { from: "status=LEAD", to: "status=ACTIVE" } } } });
    const [deleted] = await auditEvents(ws.tenant.id, "saved_view.deleted");
    expect(deleted).toMatchObject({ actorUserId: owner.user.id, data: { name: "Team leads" } });
  });
});

describe("applying a view", () => {
  it("shows a Sales rep only the records they may see through a shared view", async () => {
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    for (const [name, ownerId] of [
      ["Birch Foods", rep.user.id],
      ["Cobalt Labs", rep2.user.id],
      ["Aurora Mills", owner.user.id],
    ] as const) {
      expect(await createCustomer(owner, customerInputSchema.parse({ name, ownerId, status: "LEAD" }))).toMatchObject({ ok: true });
    }
    const shared = await save(owner, "All leads", true, "status=LEAD");
    const rows = async (ctx: MemberContext) => {
      const request = await resolveListRequest(ctx, "customers", { savedView: shared });
      expect(request.selected?.id).toBe(shared);
      return (await listCustomers(ctx, parseCustomerListQuery(request.params).query)).rows.map((row) => row.name);
    };
    expect(await rows(owner)).toEqual(["Aurora Mills", "Birch Foods", "Cobalt Labs"]);
    expect(await rows(rep)).toEqual(["Birch Foods"]);
  });

  it("cleans a tampered stored query: unknown keys and bad values dropped, another workspace's member left out", async () => {
    const other = await createWorkspace();
    const id = await save(rep, "Tampered", false);
    await systemDb().savedView.update({
      where: { tenantId_id: { tenantId: ws.tenant.id, id } },
      data: { query: `status=NOPE&owner=${other.owner.id}&sort=-password&q=acme&cursor=xyz&__proto__=1` },
    });
    const view = await getSavedView(rep, "customers", id);
    expect(view).toMatchObject({ query: "q=acme", dropped: ["owner"] });
    const request = await resolveListRequest(rep, "customers", { savedView: id });
    expect(request.params.toString()).toBe("q=acme");
    expect(request.dropped).toEqual(["owner"]);
    // A link naming a member of this workspace keeps its owner.
    expect((await resolveListRequest(rep, "customers", { owner: rep2.user.id })).params.get("owner")).toBe(rep2.user.id);
  });

  it("opens the address's own state over the view's, and marks the list changed from the view", async () => {
    const id = await save(rep, "Leads", false, "status=LEAD");
    const fromView = await resolveListRequest(rep, "customers", { savedView: id });
    expect(fromView).toMatchObject({ query: "status=LEAD", modified: false });
    const changed = await resolveListRequest(rep, "customers", { savedView: id, status: "ACTIVE", sort: "name" });
    expect(changed).toMatchObject({ query: "status=ACTIVE", modified: true });
    expect(changed.selected?.id).toBe(id);
    // Someone else's personal view: the link's own state still shows.
    const elsewhere = await resolveListRequest(rep2, "customers", { savedView: id, status: "LEAD" });
    expect(elsewhere).toMatchObject({ selected: null, viewMissing: true, query: "status=LEAD" });
  });
});

describe("across workspaces", () => {
  it("never lists, opens, changes or deletes another workspace's view", async () => {
    const shared = await save(owner, "Team leads", true);
    const other = await createWorkspace();
    const outsider = memberContext(other.owner, other.tenant);
    expect(await names(outsider)).toEqual([]);
    expect(await getSavedView(outsider, "customers", shared)).toBeNull();
    expect(await changeSavedView(outsider, "customers", shared, { name: "Hijacked" }, TEST_META)).toEqual({ error: "savedViewNotFound" });
    expect(await deleteSavedView(outsider, "customers", shared, TEST_META)).toEqual({ error: "savedViewNotFound" });
    expect((await resolveListRequest(outsider, "customers", { savedView: shared })).selected).toBeNull();
    expect(await names(owner)).toEqual(["Team leads"]);
  });

});
