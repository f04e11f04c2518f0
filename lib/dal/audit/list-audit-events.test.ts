// The audit log below the UI: filters, keyset pagination, the export, who may read it, and that
// one workspace never sees another's events.
import { beforeAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/auth/current-member";
import type { User } from "@/lib/generated/prisma/client";
import { NO_AUDIT_FILTERS, parseAuditCursor, parseAuditFilters, type AuditFilters } from "@/lib/audit/audit-filters";
import { listAuditEvents } from "./list-audit-events";
import { exportAuditEvents } from "./export-audit-events";
import { listAuditPeople } from "./list-audit-people";
import { listOwnSignInHistory } from "./list-own-sign-in-history";
import { contextOf, insertEvent } from "./audit-test-helpers";

let ws: TestWorkspace;
let other: TestWorkspace;
let owner: MemberContext;
let admin: MemberContext;
let manager: MemberContext;
let rep: MemberContext;
let readOnly: MemberContext;
let alice: User;
let bob: User;
let otherUser: User;
const ids: Record<string, string> = {};
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  const [adminUser, managerUser, repUser, readOnlyUser] = await Promise.all([
    addMember(ws.tenant.id, "ADMIN"),
    addMember(ws.tenant.id, "MANAGER"),
    addMember(ws.tenant.id, "SALES_REP"),
    addMember(ws.tenant.id, "READ_ONLY"),
  ]);
  [alice, bob, otherUser] = await Promise.all([
    addMember(ws.tenant.id, "SALES_REP", { name: "Alice" }),
    addMember(ws.tenant.id, "MANAGER", { name: "Bob" }),
    addMember(other.tenant.id, "ADMIN"),
  ]);
  owner = contextOf(ws.owner, ws.tenant);
  admin = contextOf(adminUser, ws.tenant);
  manager = contextOf(managerUser, ws.tenant);
  rep = contextOf(repUser, ws.tenant);
  readOnly = contextOf(readOnlyUser, ws.tenant);

  // Fixed times in 2020, far from the events the factories record "now".
  const t = ws.tenant.id;
  const events = {
    lockedAlice: { type: "account.locked", createdAt: at("2020-02-29T23:59:59.999Z"), targetUserId: alice.id },
    aliceIn: { type: "signin.success", createdAt: at("2020-03-01T00:00:00.000Z"), actorUserId: alice.id, targetUserId: alice.id, data: { method: "password" } },
    bobRole: { type: "member.role_changed", createdAt: at("2020-03-01T23:59:59.999Z"), actorUserId: ws.owner.id, targetUserId: bob.id, data: { from: "SALES_REP", to: "MANAGER" } },
    bobFail: { type: "signin.failure", createdAt: at("2020-03-02T00:00:00.000Z"), targetUserId: bob.id, data: { method: "password", reason: "wrong-password" } },
    ghostFail: { type: "signin.failure", createdAt: at("2020-03-02T12:00:00.000Z"), data: { method: "password", reason: "unknown-user", username: "ghost@example.test" } },
  } as const;
  for (const [name, event] of Object.entries(events)) ids[name] = (await insertEvent({ tenantId: t, ...event })).id;
  // The other workspace: same days, same types, its own people.
  for (const [name, event] of Object.entries(events)) {
    ids[`other.${name}`] = (
      await insertEvent({ tenantId: other.tenant.id, type: event.type, createdAt: event.createdAt, actorUserId: otherUser.id, targetUserId: otherUser.id })
    ).id;
  }
});

const in2020: AuditFilters = { ...NO_AUDIT_FILTERS, from: at("2020-01-01T00:00:00Z"), toExclusive: at("2021-01-01T00:00:00Z") };

async function idsFor(filters: AuditFilters, ctx = owner) {
  return (await listAuditEvents(ctx, { filters, limit: 200 })).rows.map((row) => row.id);
}

describe("listAuditEvents filters", () => {
  it("lists newest first", async () => {
    expect(await idsFor(in2020)).toEqual([ids.ghostFail, ids.bobFail, ids.bobRole, ids.aliceIn, ids.lockedAlice]);
  });

  it("matches a person as actor or as target", async () => {
    expect(await idsFor({ ...in2020, personId: alice.id })).toEqual([ids.aliceIn, ids.lockedAlice]);
    expect(await idsFor({ ...in2020, personId: bob.id })).toEqual([ids.bobFail, ids.bobRole]);
    // The owner only acted (changed Bob's role); they were nobody's target here.
    expect(await idsFor({ ...in2020, personId: ws.owner.id })).toEqual([ids.bobRole]);
  });

  it("filters by type, alone and with a person", async () => {
    expect(await idsFor({ ...in2020, type: "signin.failure" })).toEqual([ids.ghostFail, ids.bobFail]);
    expect(await idsFor({ ...in2020, type: "signin.failure", personId: bob.id })).toEqual([ids.bobFail]);
    expect(await idsFor({ ...in2020, type: "signin.success", personId: bob.id })).toEqual([]);
  });

  it("takes whole UTC days, both ends included, nothing from the days around them", async () => {
    const { filters } = parseAuditFilters({ from: "2020-03-01", to: "2020-03-01" });
    expect(await idsFor(filters)).toEqual([ids.bobRole, ids.aliceIn]);
    const fromOnly = parseAuditFilters({ from: "2020-03-02" }).filters;
    const tail = await idsFor(fromOnly);
    expect(tail).toEqual(expect.arrayContaining([ids.ghostFail, ids.bobFail]));
    expect(tail).not.toContain(ids.bobRole);
    expect(await idsFor(parseAuditFilters({ to: "2020-02-29" }).filters)).toEqual([ids.lockedAlice]);
  });

  it("shows the rest of the filters when the date range is reversed", async () => {
    const { filters, errors } = parseAuditFilters({ type: "signin.failure", from: "2020-03-02", to: "2020-03-01" });
    expect(errors).toEqual(["reversedRange"]);
    expect(await idsFor(filters)).toEqual([ids.ghostFail, ids.bobFail]);
  });

  it("returns names and the unknown username of a failed sign-in", async () => {
    const rows = (await listAuditEvents(owner, { filters: in2020 })).rows;
    const ghost = rows.find((row) => row.id === ids.ghostFail)!;
    expect(ghost).toMatchObject({ actor: null, target: null, unknownUsername: "ghost@example.test" });
    const role = rows.find((row) => row.id === ids.bobRole)!;
    expect(role.actor).toEqual({ id: ws.owner.id, name: ws.owner.name, email: ws.owner.email });
    expect(role.target?.name).toBe("Bob");
    expect(role.data).toEqual({ from: "SALES_REP", to: "MANAGER" });
    expect(rows.find((row) => row.id === ids.bobFail)!.unknownUsername).toBeNull();
  });
});

describe("listAuditEvents keyset pagination", () => {
  let paged: TestWorkspace;
  let pagedOwner: MemberContext;
  let expected: string[];
  const window: AuditFilters = { ...NO_AUDIT_FILTERS, from: at("2021-01-01T00:00:00Z"), toExclusive: at("2021-01-02T00:00:00Z") };

  beforeAll(async () => {
    paged = await createWorkspace();
    pagedOwner = contextOf(paged.owner, paged.tenant);
    const same = at("2021-01-01T12:00:00.000Z");
    const created = [];
    // Seven events in the same millisecond, with one before and two after them.
    created.push(await insertEvent({ tenantId: paged.tenant.id, type: "signout", createdAt: at("2021-01-01T11:00:00Z") }));
    for (let i = 0; i < 7; i++) created.push(await insertEvent({ tenantId: paged.tenant.id, type: "signout", createdAt: same }));
    created.push(await insertEvent({ tenantId: paged.tenant.id, type: "signout", createdAt: at("2021-01-01T13:00:00Z") }));
    created.push(await insertEvent({ tenantId: paged.tenant.id, type: "signout", createdAt: at("2021-01-01T14:00:00Z") }));
    expected = [...created]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((row) => row.id);
  });

  it("walks older pages across identical timestamps without gaps or repeats, then back", async () => {
    const pages: string[][] = [];
    let page = await listAuditEvents(pagedOwner, { filters: window, limit: 3 });
    expect(page.newerCursor).toBeNull();
    pages.push(page.rows.map((row) => row.id));
    while (page.olderCursor) {
      page = await listAuditEvents(pagedOwner, { filters: window, limit: 3, before: parseAuditCursor(page.olderCursor) });
      pages.push(page.rows.map((row) => row.id));
      expect(page.newerCursor).not.toBeNull();
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);
    expect(pages.flat()).toEqual(expected);

    // And back towards the newest, one page at a time, via the "Newer" cursors.
    const back: string[][] = [pages[pages.length - 1]!];
    while (page.newerCursor) {
      page = await listAuditEvents(pagedOwner, { filters: window, limit: 3, after: parseAuditCursor(page.newerCursor) });
      back.unshift(page.rows.map((row) => row.id));
    }
    expect(back).toEqual(pages);
    expect(page.olderCursor).not.toBeNull();
  });

  it("pages the export the same way, in batches, up to the row limit", async () => {
    const batches: string[][] = [];
    for await (const batch of exportAuditEvents(pagedOwner, window, { batchSize: 4 })) batches.push(batch.map((row) => row.id));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(expected);

    const capped: string[] = [];
    for await (const batch of exportAuditEvents(pagedOwner, window, { batchSize: 4, maxRows: 6 })) capped.push(...batch.map((row) => row.id));
    expect(capped).toEqual(expected.slice(0, 6));
  });
});

describe("who may read the log", () => {
  it("lets Owners and Admins in", async () => {
    await expect(listAuditEvents(admin, { filters: in2020 })).resolves.toMatchObject({ rows: expect.any(Array) });
    await expect(listAuditPeople(admin)).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ id: alice.id })]));
  });

  it.each([
    ["Manager", () => manager],
    ["Sales rep", () => rep],
    ["Read-only", () => readOnly],
  ])("refuses a %s", async (_name, ctx) => {
    await expect(listAuditEvents(ctx(), { filters: in2020 })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(listAuditPeople(ctx())).rejects.toBeInstanceOf(PermissionDeniedError);
    // Refused when the export is asked for, before any download starts.
    expect(() => exportAuditEvents(ctx(), in2020)).toThrow(PermissionDeniedError);
  });
});

describe("tenant isolation", () => {
  it("never shows another workspace's events, whatever the filter", async () => {
    const otherIds = Object.entries(ids).filter(([name]) => name.startsWith("other.")).map(([, id]) => id);
    const all = await idsFor(NO_AUDIT_FILTERS);
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((id) => otherIds.includes(id))).toEqual([]);
    expect(await idsFor({ ...NO_AUDIT_FILTERS, personId: otherUser.id })).toEqual([]);

    const exported: string[] = [];
    for await (const batch of exportAuditEvents(owner, NO_AUDIT_FILTERS)) exported.push(...batch.map((row) => row.id));
    expect(exported).toEqual(all);
    expect((await listAuditPeople(owner)).map((person) => person.id)).not.toContain(otherUser.id);
  });

  it("can't be steered into another workspace by a cursor", async () => {
    const otherRow = { createdAt: at("2020-03-02T12:00:00.000Z"), id: ids["other.ghostFail"]! };
    const rows = (await listAuditEvents(owner, { filters: in2020, before: otherRow, limit: 200 })).rows;
    expect(rows.map((row) => row.id)).not.toContain(ids["other.bobFail"]);
  });
});

describe("listOwnSignInHistory", () => {
  it("shows a member their own sign-ins and failed attempts, newest first, and nothing else", async () => {
    const me = await addMember(ws.tenant.id, "SALES_REP");
    const ctx = contextOf(me, ws.tenant);
    const ua = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const ok = await insertEvent({ tenantId: ws.tenant.id, type: "signin.success", createdAt: at("2022-05-01T08:00:00Z"), actorUserId: me.id, targetUserId: me.id, ip: "198.51.100.1", userAgent: ua, data: { method: "password" } });
    const failed = await insertEvent({ tenantId: ws.tenant.id, type: "signin.failure", createdAt: at("2022-05-02T08:00:00Z"), targetUserId: me.id, ip: "198.51.100.2", data: { method: "password", reason: "wrong-password" } });
    // Not sign-ins, or not mine, or not this workspace:
    await insertEvent({ tenantId: ws.tenant.id, type: "signout", createdAt: at("2022-05-03T08:00:00Z"), actorUserId: me.id });
    await insertEvent({ tenantId: ws.tenant.id, type: "password.changed", createdAt: at("2022-05-03T09:00:00Z"), actorUserId: me.id, targetUserId: me.id });
    await insertEvent({ tenantId: ws.tenant.id, type: "signin.success", createdAt: at("2022-05-04T08:00:00Z"), actorUserId: alice.id, targetUserId: alice.id });

    // Every member may read their own history; it is not the admins' log.
    const rows = await listOwnSignInHistory(ctx, 10);
    expect(rows).toEqual([
      { id: failed.id, at: failed.createdAt, success: false, method: "password", reason: "wrong-password", ip: "198.51.100.2", userAgent: null },
      { id: ok.id, at: ok.createdAt, success: true, method: "password", reason: null, ip: "198.51.100.1", userAgent: ua },
    ]);
    expect(await listOwnSignInHistory(ctx, 1)).toHaveLength(1);
  });
});
