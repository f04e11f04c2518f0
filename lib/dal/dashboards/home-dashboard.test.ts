// The home dashboards: a member's own cards are theirs alone, a published dashboard is a copy that
// nobody's own changes alter, audiences decide who may switch to one, and nothing crosses workspaces.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import { defaultDashboardCards } from "@/lib/reports/dashboard-cards";
import { startDashboardCards } from "@/lib/dal/reports/load-dashboard-cards";
import { changeOwnDashboard, getHomeDashboard, publishDashboard, showDashboard, unpublishDashboard } from "./home-dashboard";

let ws: TestWorkspace;
let owner: MemberContext;
let manager: MemberContext;
let rep: MemberContext;

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  manager = memberContext(await addMember(ws.tenant.id, "MANAGER"), ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
});

const reports = async (ctx: MemberContext) => (await getHomeDashboard(ctx)).cards.map((card) => card.report);

describe("a member's own dashboard", () => {
  it("starts with the default cards, and adding, moving, filtering and removing change only that member's", async () => {
    expect(await reports(manager)).toEqual(defaultDashboardCards().map((card) => card.report));
    expect(await changeOwnDashboard(manager, { op: "add", report: "win-rate" })).toEqual({ ok: true });
    const added = (await getHomeDashboard(manager)).cards.at(-1)!;
    expect(added).toMatchObject({ report: "win-rate", range: "last-12-months", ownerId: null });

    expect(await changeOwnDashboard(manager, { op: "move", cardId: added.id, direction: "up" })).toEqual({ ok: true });
    expect(await reports(manager)).toEqual(["pipeline", "won-lost", "forecast", "win-rate", "activities-week"]);
    expect(await changeOwnDashboard(manager, { op: "filters", cardId: added.id, range: "this-quarter", ownerId: rep.user.id })).toEqual({ ok: true });
    expect((await getHomeDashboard(manager)).cards[3]).toMatchObject({ id: added.id, range: "this-quarter", ownerId: rep.user.id });
    const first = (await getHomeDashboard(manager)).cards[0]!;
    expect(await changeOwnDashboard(manager, { op: "remove", cardId: first.id })).toEqual({ ok: true });
    expect(await reports(manager)).toEqual(["won-lost", "forecast", "win-rate", "activities-week"]);

    // Nobody else's home changed.
    expect(await reports(owner)).toEqual(defaultDashboardCards().map((card) => card.report));
    expect(await reports(rep)).toEqual(defaultDashboardCards().map((card) => card.report));
  });

  it("refuses a card it doesn't have, a full dashboard, and an owner the member can't report on, changing nothing", async () => {
    expect(await changeOwnDashboard(manager, { op: "remove", cardId: "nosuchcard" })).toEqual({ error: "dashboardCardGone" });
    for (let i = defaultDashboardCards().length; i < 12; i += 1) expect(await changeOwnDashboard(manager, { op: "add", report: "funnel" })).toEqual({ ok: true });
    expect(await changeOwnDashboard(manager, { op: "add", report: "funnel" })).toEqual({ error: "dashboardFull" });
    expect((await getHomeDashboard(manager)).cards).toHaveLength(12);

    const other = await createWorkspace();
    const card = (await getHomeDashboard(manager)).cards[0]!;
    expect(await changeOwnDashboard(manager, { op: "filters", cardId: card.id, range: "this-month", ownerId: other.owner.id })).toEqual({ error: "dashboardOwnerUnknown" });
    expect((await getHomeDashboard(manager)).cards[0]).toEqual(card);
  });

  it("can't name another member's own dashboard: the id of it is not a dashboard anyone else can show", async () => {
    await changeOwnDashboard(manager, { op: "add", report: "win-rate" });
    const managersOwn = await systemDb().dashboard.findFirstOrThrow({ where: { tenantId: ws.tenant.id, userId: manager.user.id } });
    expect(await showDashboard(rep, managersOwn.id)).toEqual({ error: "dashboardNotFound" });
    expect(await reports(rep)).toEqual(defaultDashboardCards().map((card) => card.report));
    // Nor take it down, even as an Owner: only published dashboards are.
    expect(await unpublishDashboard(owner, managersOwn.id, TEST_META)).toEqual({ error: "dashboardNotFound" });
    expect(await systemDb().dashboard.count({ where: { tenantId: ws.tenant.id, id: managersOwn.id } })).toBe(1);
  });
});

describe("published dashboards", () => {
  it("are a copy members switch to; a member's own changes never alter them", async () => {
    await changeOwnDashboard(owner, { op: "add", report: "new-customers" });
    const { id } = await publishDashboard(owner, "Sales team", "WORKSPACE", TEST_META);
    const published = (await getHomeDashboard(owner)).ownCards.map((card) => card.report);

    expect((await getHomeDashboard(rep)).shared).toEqual([{ id, name: "Sales team", audience: "WORKSPACE" }]);
    expect(await showDashboard(rep, id)).toEqual({ ok: true });
    const shown = await getHomeDashboard(rep);
    expect(shown.showing).toEqual({ id, name: "Sales team", audience: "WORKSPACE" });
    expect(shown.cards.map((card) => card.report)).toEqual(published);

    // The rep changes their own cards: that shows their own dashboard again, the published one is as it was.
    const repsFirst = (await getHomeDashboard(rep)).ownCards[0]!;
    expect(await changeOwnDashboard(rep, { op: "remove", cardId: repsFirst.id })).toEqual({ ok: true });
    expect((await getHomeDashboard(rep)).showing).toBeNull();
    // The owner's later changes to their own cards don't reach the published copy either.
    await changeOwnDashboard(owner, { op: "add", report: "funnel" });
    await showDashboard(rep, id);
    expect((await getHomeDashboard(rep)).cards.map((card) => card.report)).toEqual(published);
  });

  it("reach only their audience; Owners and Admins publish and take down, others may not", async () => {
    const { id } = await publishDashboard(owner, "Managers only", "MANAGER", TEST_META);
    expect((await getHomeDashboard(manager)).shared.map((d) => d.id)).toEqual([id]);
    expect((await getHomeDashboard(rep)).shared).toEqual([]);
    expect(await showDashboard(rep, id)).toEqual({ error: "dashboardNotFound" });

    await expect(publishDashboard(manager, "Mine for all", "WORKSPACE", TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(unpublishDashboard(rep, id, TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);

    // Publishing is audited with who it reaches; a refused attempt writes nothing.
    const published = await auditEvents(ws.tenant.id, "dashboard.published");
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ actorUserId: owner.user.id, ip: TEST_META.ip, data: { dashboardId: id, name: "Managers only", audience: "MANAGER" } });

    await showDashboard(manager, id);
    expect(await unpublishDashboard(owner, id, TEST_META)).toEqual({ ok: true });
    const takenDown = await auditEvents(ws.tenant.id, "dashboard.unpublished");
    expect(takenDown).toHaveLength(1);
    expect(takenDown[0]).toMatchObject({ actorUserId: owner.user.id, data: { dashboardId: id, name: "Managers only", audience: "MANAGER" } });
    // Taking down one that is gone is refused and not audited again.
    expect(await unpublishDashboard(owner, id, TEST_META)).toEqual({ error: "dashboardNotFound" });
    expect(await auditEvents(ws.tenant.id, "dashboard.unpublished")).toHaveLength(1);
    // The manager who showed it sees their own again.
    expect((await getHomeDashboard(manager)).showing).toBeNull();
    expect((await getHomeDashboard(manager)).shared).toEqual([]);
  });

  it("stay in their workspace: another workspace's members can't see, show or take them down", async () => {
    const { id } = await publishDashboard(owner, "Ours", "WORKSPACE", TEST_META);
    const other = await createWorkspace();
    const outsider = memberContext(other.owner, other.tenant);
    expect((await getHomeDashboard(outsider)).shared).toEqual([]);
    expect(await showDashboard(outsider, id)).toEqual({ error: "dashboardNotFound" });
    expect(await unpublishDashboard(outsider, id, TEST_META)).toEqual({ error: "dashboardNotFound" });
    expect(await systemDb().dashboard.count({ where: { tenantId: ws.tenant.id, id } })).toBe(1);
    // Nor can a card's owner filter reach into the other workspace.
    const started = await startDashboardCards(outsider, [{ id: "abcdef", report: "pipeline", range: "this-year", ownerId: ws.owner.id }], "UTC");
    expect(started.cards[0]!.filters.ownerId).toBeNull();
  });
});
