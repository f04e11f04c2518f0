// Customers and contacts as members and attackers see them: who may list, open, search, export,
// edit and restore what; keyset paging across ties; search by fragments, emails and phone digits
// with LIKE wildcards taken literally; duplicates, edit conflicts and field history.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { customerInputSchema, makeCustomerInputSchema, type CustomerInput } from "@/lib/validation/customer";
import { contactInputSchema } from "@/lib/validation/contact";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import type { MemberContext } from "../context";
import { listCustomers } from "./list-customers";
import { parseCustomerListQuery, type CustomerListQuery } from "./list-query";
import { getCustomer, getContact } from "./get-customer";
import { createCustomer, deleteCustomer, restoreCustomer, updateCustomer } from "./write-customer";
import { findProbableDuplicates } from "./find-duplicates";
import { createContact, deleteContact, restoreContact, updateContact } from "./write-contact";
import { exportCustomers } from "./export-customers";
import { listTrash, purgeExpiredTrash } from "./trash";
import { searchRecords } from "../search/search-records";
import { listRecordChanges } from "../crm/list-record-changes";

let ws: TestWorkspace;
let other: TestWorkspace;
let owner: MemberContext;
let admin: MemberContext;
let manager: MemberContext;
let viewer: MemberContext;
let rep: MemberContext;
let rep2: MemberContext;
let repUser: User;
let rep2User: User;
let outsider: MemberContext;

function input(overrides: Partial<Record<string, unknown>> = {}): CustomerInput {
  return customerInputSchema.parse({ name: "Acme", ownerId: owner.user.id, ...overrides });
}

const query = (overrides: Partial<CustomerListQuery> = {}): CustomerListQuery => ({ sort: "name", dir: "asc", pageSize: 50, ...overrides });

async function setOwnOnly(value: boolean) {
  await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: value } });
}

async function collect(iterable: AsyncIterable<unknown[][]>) {
  const rows: unknown[][] = [];
  for await (const batch of iterable) rows.push(...batch);
  return rows;
}

beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
  manager = memberContext(await addMember(ws.tenant.id, "MANAGER"), ws.tenant);
  viewer = memberContext(await addMember(ws.tenant.id, "READ_ONLY"), ws.tenant);
  repUser = await addMember(ws.tenant.id, "SALES_REP");
  rep2User = await addMember(ws.tenant.id, "SALES_REP");
  rep = memberContext(repUser, ws.tenant);
  rep2 = memberContext(rep2User, ws.tenant);
  outsider = memberContext(other.owner, other.tenant);
});

describe("validation", () => {
  it("gives a specific key per bad field and normalises what it accepts", () => {
    const bad = customerInputSchema.safeParse({ name: " ", ownerId: "x", website: "javascript:alert(1)", phone: "12", industry: "spying", tags: "a".repeat(41) });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
    // Every bad field is reported at once, the phone included.
    expect(messages).toMatchObject({ name: "crmNameRequired", website: "crmWebsiteInvalid", phone: "crmPhoneInvalid", industry: "crmIndustryInvalid", tags: "crmTagTooLong" });
    const good = makeCustomerInputSchema({ defaultCountry: "CN" }).parse({
      name: "  Acme  ",
      ownerId: "u1",
      website: "www.Acme.example.com",
      phone: "010 6552 9988",
      tags: "VIP, vip, Key account , ,",
    });
    expect(good).toMatchObject({ name: "Acme", website: "https://www.acme.example.com", phone: "+861065529988", tags: ["VIP", "Key account"], status: "LEAD" });
    // A phone typed without a country code and no country to read it in is refused, not guessed.
    expect(customerInputSchema.safeParse({ name: "A", ownerId: "u", phone: "010 6552 9988" }).error?.issues[0]?.message).toBe("crmPhoneInvalid");
    expect(customerInputSchema.parse({ name: "A", ownerId: "u", phone: "(415) 555-2671", country: "us" }).phone).toBe("+14155552671");
    const contact = contactInputSchema.safeParse({ customerId: "c", name: "Ann", email: "not-an-email", preferredChannel: "pigeon", mobile: "12" });
    expect(contact.error?.issues.map((issue) => issue.message).sort()).toEqual(["crmChannelInvalid", "crmPhoneInvalid", "emailInvalid"]);
    expect(contactInputSchema.parse({ customerId: "c", name: "Ann", email: " Ann@Example.COM " }).email).toBe("ann@example.com");
  });
});

describe("permissions", () => {
  it("read-only members read but cannot write, delete or restore", async () => {
    const created = await createCustomer(owner, input({ name: "Readable Ltd" }));
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : "";
    expect(await getCustomer(viewer, id)).not.toBeNull();
    await expect(createCustomer(viewer, input({ name: "Nope" }))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(updateCustomer(viewer, id, 1, input({ name: "Changed" }))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(deleteCustomer(viewer, id)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(restoreCustomer(manager, id)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await getCustomer(owner, id))?.name).toBe("Readable Ltd");
  });

  it("a Sales rep restricted to own records can't list, open, search, export or edit another's customer", async () => {
    const mine = await createCustomer(rep, input({ name: "Zeta Own Rep", ownerId: repUser.id }));
    const theirs = await createCustomer(rep2, input({ name: "Zeta Theirs Rep", ownerId: rep2User.id }));
    if (!mine.ok || !theirs.ok) throw new Error("setup");
    await createContact(rep2, contactInputSchema.parse({ customerId: theirs.id, name: "Hidden Person", email: "hidden@zeta.example" }));
    await setOwnOnly(true);
    try {
      const list = await listCustomers(rep, query({ q: "zeta" }));
      expect(list.rows.map((row) => row.name)).toEqual(["Zeta Own Rep"]);
      expect(await getCustomer(rep, theirs.id)).toBeNull();
      expect(await getCustomer(rep, mine.id)).not.toBeNull();
      const search = await searchRecords(rep, "zeta");
      expect(search.customers.map((hit) => hit.title)).toEqual(["Zeta Own Rep"]);
      expect((await searchRecords(rep, "hidden@zeta")).contacts).toEqual([]);
      const exported = await collect(exportCustomers(rep, query(), (list, code) => `${list}:${code}`));
      // Stored codes go out through the label the route gives (the reader's language), never as they are.
      expect(exported.find((row) => row[1] === "Zeta Own Rep")?.[2]).toMatch(/^status:/);
      expect(exported.map((row) => row[1])).not.toContain("Zeta Theirs Rep");
      expect(exported.map((row) => row[1])).toContain("Zeta Own Rep");
      expect(await updateCustomer(rep, theirs.id, 1, input({ name: "Stolen", ownerId: repUser.id }))).toEqual({ ok: false, reason: "notFound" });
      expect(await deleteCustomer(rep, theirs.id)).toEqual({ ok: false, reason: "notFound" });
      // Nor hand a customer of their own to somebody else (it would vanish from their sight).
      expect(await createCustomer(rep, input({ name: "Gift", ownerId: rep2User.id }))).toEqual({ ok: false, reason: "ownerInvalid" });
      // The manager still sees both.
      expect((await listCustomers(manager, query({ q: "zeta" }))).rows).toHaveLength(2);
    } finally {
      await setOwnOnly(false);
    }
    // Unrestricted, the rep sees everyone's.
    expect((await listCustomers(rep, query({ q: "zeta" }))).rows).toHaveLength(2);
    expect(await getCustomer(rep, theirs.id)).not.toBeNull();
  });

  it("another workspace's ids are not found, and an owner from another workspace is refused", async () => {
    const created = await createCustomer(owner, input({ name: "Foreign Target" }));
    if (!created.ok) throw new Error("setup");
    expect(await getCustomer(outsider, created.id)).toBeNull();
    expect(await updateCustomer(outsider, created.id, 1, customerInputSchema.parse({ name: "X", ownerId: other.owner.id }))).toEqual({ ok: false, reason: "notFound" });
    expect(await deleteCustomer(outsider, created.id)).toEqual({ ok: false, reason: "notFound" });
    expect(await restoreCustomer(outsider, created.id)).toEqual({ ok: false, reason: "notFound" });
    expect((await listCustomers(outsider, query({ q: "foreign target" }))).rows).toEqual([]);
    expect((await searchRecords(outsider, "foreign target")).customers).toEqual([]);
    expect(await createContact(outsider, contactInputSchema.parse({ customerId: created.id, name: "Plant" }))).toEqual({ ok: false, reason: "notFound" });
    expect(await createCustomer(owner, input({ name: "Owned Abroad", ownerId: other.owner.id }))).toEqual({ ok: false, reason: "ownerInvalid" });
    // The database refuses it too (composite foreign key), whatever the application does.
    await expect(systemDb().customer.create({ data: { tenantId: ws.tenant.id, name: "Raw", ownerId: other.owner.id } })).rejects.toThrow();
  });
});

describe("keyset pagination", () => {
  it("walks every row exactly once, in order, forward and back, across equal names and times", async () => {
    const tenantId = (await createWorkspace()).tenant.id;
    const ownerUser = await systemDb().user.findFirstOrThrow({ where: { tenantId } });
    const ctx = memberContext(ownerUser, { id: tenantId, slug: "x", name: "x" });
    const at = new Date("2026-01-01T00:00:00Z");
    const data = Array.from({ length: 23 }, (_, i) => ({
      tenantId,
      name: i < 17 ? "Same Name" : `Other ${i}`,
      ownerId: ownerUser.id,
      createdAt: at,
      updatedAt: at,
      status: i % 2 === 0 ? ("ACTIVE" as const) : ("LEAD" as const),
      searchText: i < 17 ? "same name" : `other ${i}`,
    }));
    await systemDb().customer.createMany({ data });
    for (const sort of ["name", "createdAt", "updatedAt"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        for (const filter of [{}, { status: "ACTIVE" as const }, { q: "same" }]) {
          const expected = await systemDb().customer.findMany({
            where: { tenantId, ...("status" in filter ? { status: filter.status } : {}), ...("q" in filter ? { searchText: { contains: "same" } } : {}) },
            orderBy: [{ [sort]: dir }, { id: dir }],
            select: { id: true },
          });
          const pages: string[][] = [];
          let cursor: string | undefined;
          let page = await listCustomers(ctx, query({ sort, dir, pageSize: 4, ...filter }));
          expect(page.prevCursor).toBeNull();
          for (;;) {
            pages.push(page.rows.map((row) => row.id));
            if (!page.nextCursor) break;
            cursor = page.nextCursor;
            page = await listCustomers(ctx, query({ sort, dir, pageSize: 4, cursor, ...filter }));
          }
          expect(pages.flat(), `${sort} ${dir} ${JSON.stringify(filter)}`).toEqual(expected.map((row) => row.id));
          // And back from the last page to the first, page by page.
          const back: string[][] = [page.rows.map((row) => row.id)];
          while (page.prevCursor) {
            page = await listCustomers(ctx, query({ sort, dir, pageSize: 4, cursor: page.prevCursor, ...filter }));
            back.unshift(page.rows.map((row) => row.id));
          }
          expect(back).toEqual(pages);
          expect(page.total.count).toBe(expected.length);
        }
      }
    }
  });

  it("ignores unknown URL values and says which", () => {
    const parsed = parseCustomerListQuery(new URLSearchParams("status=WHATEVER&sort=-createdAt&industry=retail&pageSize=7&owner=me&cursor=%%%"));
    expect(parsed.query).toMatchObject({ sort: "createdAt", dir: "desc", industry: "retail", owner: "me", pageSize: 50 });
    expect(parsed.query.status).toBeUndefined();
    expect(parsed.ignored.sort()).toEqual(["cursor", "pageSize", "status"]);
  });
});

describe("search", () => {
  it("finds by name fragment, contact email and phone digits however typed; wildcards are literal", async () => {
    const made = await createCustomer(owner, input({ name: "Harbour Logistics 100%", phone: "+86 10 6552 9988", website: "https://harbour.example.cn" }));
    // A name this close is a probable duplicate; the member saves it anyway.
    const plain = await createCustomer(owner, input({ name: "Harbour Logistics 1000" }), { confirmDuplicate: true });
    if (!made.ok || !plain.ok) throw new Error("setup");
    await createContact(owner, contactInputSchema.parse({ customerId: made.id, name: "Li Wei", email: "li.wei@harbour.example.cn", mobile: "+86 138 0013 8000" }));
    const names = async (q: string) => (await listCustomers(owner, query({ q }))).rows.map((row) => row.name).sort();
    expect(await names("bour log")).toEqual(["Harbour Logistics 100%", "Harbour Logistics 1000"]);
    expect(await names("li.wei@harbour")).toEqual(["Harbour Logistics 100%"]);
    expect(await names("010-6552 9988")).toEqual(["Harbour Logistics 100%"]);
    expect(await names("138 0013-8000")).toEqual(["Harbour Logistics 100%"]);
    expect(await names("harbour.example")).toEqual(["Harbour Logistics 100%"]);
    // "%" and "_" are searched for, not used as wildcards.
    expect(await names("100%")).toEqual(["Harbour Logistics 100%"]);
    expect(await names("harbour_logistics")).toEqual([]);
    expect(await names("%")).toEqual(["Harbour Logistics 100%"]);
    const hits = await searchRecords(owner, "li wei");
    expect(hits.contacts.map((hit) => hit.title)).toEqual(["Li Wei"]);
    // A contact's edit and deletion keep the customer's search text in step.
    const contact = (await searchRecords(owner, "li.wei")).contacts[0]!;
    const fresh = await getContact(owner, contact.id);
    await updateContact(owner, contact.id, fresh!.version, contactInputSchema.parse({ customerId: made.id, name: "Li Wei", email: "wei@new.example" }));
    expect(await names("li.wei@harbour")).toEqual([]);
    expect(await names("wei@new.example")).toEqual(["Harbour Logistics 100%"]);
    await deleteContact(owner, contact.id);
    expect(await names("wei@new.example")).toEqual([]);
  });
});

describe("duplicates, conflicts and history", () => {
  it("warns about the same name, phone or contact email before saving, and saves when confirmed", async () => {
    const first = await createCustomer(owner, input({ name: "Lantern Foods", phone: "+44 20 7946 0018" }));
    if (!first.ok) throw new Error("setup");
    await createContact(owner, contactInputSchema.parse({ customerId: first.id, name: "Sam", email: "sam@lantern.example" }));
    const again = await createCustomer(owner, input({ name: "lantern foods" }));
    expect(again).toMatchObject({ ok: false, reason: "duplicates", duplicates: [{ id: first.id, reasons: ["name"] }] });
    const samePhone = await createCustomer(owner, input({ name: "Other Name", phone: "+442079460018" }));
    expect(samePhone).toMatchObject({ ok: false, reason: "duplicates", duplicates: [{ id: first.id, reasons: ["phone"] }] });
    expect(await findProbableDuplicates(owner, { emails: ["SAM@lantern.example"] })).toMatchObject([{ kind: "contact", customerId: first.id, reasons: ["email"] }]);
    expect(await systemDb().customer.count({ where: { tenantId: ws.tenant.id, name: { equals: "lantern foods", mode: "insensitive" } } })).toBe(1);
    expect((await createCustomer(owner, input({ name: "lantern foods" }), { confirmDuplicate: true })).ok).toBe(true);
  });

  it("refuses an edit made on an old version, naming who changed it, and writes history with from/to", async () => {
    const created = await createCustomer(owner, input({ name: "Quartz Partners", status: "LEAD", tags: ["a"] }));
    if (!created.ok) throw new Error("setup");
    const opened = (await getCustomer(owner, created.id))!;
    expect((await updateCustomer(admin, created.id, opened.version, input({ name: "Quartz Partners", status: "ACTIVE", tags: "a, b" }))).ok).toBe(true);
    const late = await updateCustomer(owner, created.id, opened.version, input({ name: "Quartz Overwritten" }));
    expect(late).toMatchObject({ ok: false, reason: "conflict", conflict: { changedBy: admin.user.name } });
    const now = (await getCustomer(owner, created.id))!;
    expect(now).toMatchObject({ name: "Quartz Partners", status: "ACTIVE", tags: ["a", "b"], version: opened.version + 1 });
    const history = await listRecordChanges(owner, "customer", created.id);
    expect(history.map((entry) => entry.action)).toEqual(["updated", "created"]);
    expect(history[0]!.changes).toEqual({ status: { from: "LEAD", to: "ACTIVE" }, tags: { from: ["a"], to: ["a", "b"] } });
    expect(history[0]!.actorName).toBe(admin.user.name);
    expect(history[1]!.changes.name).toEqual({ from: null, to: "Quartz Partners" });
  });

  it("moves deletions to the trash for Admins to restore; contacts go and come back with their customer; old trash is purged", async () => {
    const created = await createCustomer(owner, input({ name: "Trash Candidate" }));
    if (!created.ok) throw new Error("setup");
    const contact = await createContact(owner, contactInputSchema.parse({ customerId: created.id, name: "Tess Trash" }));
    if (!contact.ok) throw new Error("setup");
    expect((await deleteCustomer(manager, created.id)).ok).toBe(true);
    expect(await getCustomer(owner, created.id)).toBeNull();
    expect(await getContact(owner, contact.id)).toBeNull();
    expect((await searchRecords(owner, "tess trash")).contacts).toEqual([]);
    expect((await listTrash(admin)).map((entry) => entry.name)).toContain("Trash Candidate");
    await expect(listTrash(manager)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await restoreCustomer(admin, created.id)).ok).toBe(true);
    expect((await getContact(owner, contact.id))?.name).toBe("Tess Trash");
    expect((await listRecordChanges(owner, "customer", created.id)).map((entry) => entry.action).slice(0, 2)).toEqual(["restored", "deleted"]);
    // A lone contact deletion is restorable on its own.
    await deleteContact(owner, contact.id);
    expect((await listTrash(admin)).find((entry) => entry.id === contact.id)?.kind).toBe("contact");
    expect((await restoreContact(admin, contact.id)).ok).toBe(true);
    // Past 30 days: not restorable, and purged for good.
    await deleteCustomer(owner, created.id);
    await systemDb().customer.updateMany({ where: { tenantId: ws.tenant.id, id: created.id }, data: { deletedAt: new Date(Date.now() - 31 * 86_400_000) } });
    expect(await restoreCustomer(admin, created.id)).toEqual({ ok: false, reason: "notFound" });
    expect((await listTrash(admin)).map((entry) => entry.id)).not.toContain(created.id);
    const purged = await purgeExpiredTrash();
    expect(purged.customers).toBeGreaterThanOrEqual(1);
    expect(await systemDb().customer.findFirst({ where: { tenantId: ws.tenant.id, id: created.id } })).toBeNull();
    expect(await systemDb().contact.findFirst({ where: { tenantId: ws.tenant.id, id: contact.id } })).toBeNull();
  });

  it("never hands a customer to a Viewer, but keeps a Viewer who already owns one on other edits", async () => {
    const created = await createCustomer(owner, input({ name: "Handed Over" }));
    if (!created.ok) throw new Error("setup");
    expect(await updateCustomer(owner, created.id, 1, input({ name: "Handed Over", ownerId: viewer.user.id }))).toEqual({ ok: false, reason: "ownerInvalid" });
    // An older record a Viewer owns (a member whose role changed since) still saves with that owner unchanged.
    await systemDb().customer.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: created.id } }, data: { ownerId: viewer.user.id } });
    expect(await updateCustomer(owner, created.id, 1, input({ name: "Renamed", ownerId: viewer.user.id }))).toEqual({ ok: true, id: created.id });
  });

  it("a refused save changes nothing", async () => {
    const before = await systemDb().customer.count({ where: { tenantId: ws.tenant.id } });
    const changes = await systemDb().recordChange.count({ where: { tenantId: ws.tenant.id } });
    expect(customerInputSchema.safeParse({ name: "", ownerId: owner.user.id }).success).toBe(false);
    expect(await createCustomer(owner, input({ name: "Ghost", ownerId: "no-such-user" }))).toEqual({ ok: false, reason: "ownerInvalid" });
    // A Viewer may read but not edit records, so may not be given one to own (as for opportunities).
    expect(await createCustomer(owner, input({ name: "Viewer's", ownerId: viewer.user.id }))).toEqual({ ok: false, reason: "ownerInvalid" });
    expect(await systemDb().customer.count({ where: { tenantId: ws.tenant.id } })).toBe(before);
    expect(await systemDb().recordChange.count({ where: { tenantId: ws.tenant.id } })).toBe(changes);
  });
});
