import "server-only";
import { randomBytes } from "node:crypto";
import { can } from "@/lib/auth/permissions";
import { auditEventRow } from "@/lib/auth/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  applyDashboardChange,
  defaultDashboardCards,
  readDashboardCards,
  type DashboardAudience,
  type DashboardCard,
  type DashboardChange,
  type DashboardChangeError,
  type DashboardReport,
} from "@/lib/reports/dashboard-cards";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { prepareReports } from "../reports/report-request";
import { reportFilterOptions } from "../reports/report-options";

// The home page's report cards. Each member has one dashboard of their own (id "own-<userId>",
// created on its first change), and may show instead a dashboard an Owner or Admin published to
// the workspace or to their role. Published dashboards are copies: a member's own changes write
// only their own row, and nobody but Owners and Admins changes or removes a published one. Every
// read and write goes through the member's workspace (tenantDb), and a dashboard is only ever
// found among those this member may see, so another member's own dashboard can't be named.

/** A change as a form asks for it: a new card's id is made here. */
export type OwnDashboardChange = Exclude<DashboardChange, { op: "add" }> | { op: "add"; report: DashboardReport };

export type SharedDashboardSummary = { id: string; name: string; audience: DashboardAudience };

export type HomeDashboard = {
  /** The cards shown, in order. */
  cards: DashboardCard[];
  /** The published dashboard shown instead of the member's own, if they chose one. */
  showing: SharedDashboardSummary | null;
  /** Published dashboards this member may switch to. */
  shared: SharedDashboardSummary[];
  /** The member's own cards (shown unless they switched), for publishing them. */
  ownCards: DashboardCard[];
};

const ownId = (ctx: MemberContext) => `own-${ctx.user.id}`;

function visibleTo(ctx: MemberContext): Prisma.DashboardWhereInput {
  // Owners and Admins see every published dashboard (they manage them); others those for the
  // workspace or their role.
  if (can(ctx.role, "workspace.manageSettings")) return { audience: { not: null } };
  return { audience: { in: ["WORKSPACE", ctx.role] } };
}

function summary(row: { id: string; name: string; audience: string | null }): SharedDashboardSummary {
  return { id: row.id, name: row.name, audience: row.audience as DashboardAudience };
}

export async function getHomeDashboard(ctx: MemberContext): Promise<HomeDashboard> {
  const db = authorize(ctx, "reports.view");
  const [own, sharedRows] = await Promise.all([
    db.dashboard.findFirst({ where: { id: ownId(ctx), userId: ctx.user.id, audience: null }, select: { cards: true, showingId: true } }),
    db.dashboard.findMany({ where: visibleTo(ctx), select: { id: true, name: true, audience: true, cards: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  const ownCards = own ? readDashboardCards(own.cards) : defaultDashboardCards();
  const shown = own?.showingId ? sharedRows.find((row) => row.id === own.showingId) : undefined;
  return {
    cards: shown ? readDashboardCards(shown.cards) : ownCards,
    showing: shown ? summary(shown) : null,
    shared: sharedRows.map(summary),
    ownCards,
  };
}

/** A change to the member's own dashboard; a published one is never changed here. */
export async function changeOwnDashboard(ctx: MemberContext, change: OwnDashboardChange): Promise<{ ok: true } | { error: DashboardChangeError | "dashboardOwnerUnknown" }> {
  const db = authorize(ctx, "reports.view");
  if (change.op === "filters" && change.ownerId) {
    // Only an owner the Reports page's owner filter offers this member (a Sales rep who sees only
    // their own records: themselves).
    const options = await reportFilterOptions(await prepareReports(ctx, "UTC"));
    if (!options.owners.some((owner) => owner.id === change.ownerId)) return { error: "dashboardOwnerUnknown" };
  }
  return db.$transaction(async (tx) => {
    const own = await tx.dashboard.findFirst({ where: { id: ownId(ctx), userId: ctx.user.id, audience: null }, select: { cards: true } });
    const cards = own ? readDashboardCards(own.cards) : defaultDashboardCards();
    const full: DashboardChange = change.op === "add" ? { op: "add", report: change.report, id: randomBytes(6).toString("hex") } : change;
    const result = applyDashboardChange(cards, full);
    if ("error" in result) return result;
    // Changing one's own cards shows one's own dashboard again.
    const data = { cards: result.cards, showingId: null };
    await tx.dashboard.upsert({
      where: { tenantId_id: { tenantId: ctx.tenant.id, id: ownId(ctx) } },
      create: { id: ownId(ctx), tenantId: ctx.tenant.id, userId: ctx.user.id, name: "", audience: null, ...data },
      update: data,
    });
    return { ok: true as const };
  });
}

/** Show a published dashboard this member may see instead of their own, or (null) their own again. */
export async function showDashboard(ctx: MemberContext, dashboardId: string | null): Promise<{ ok: true } | { error: "dashboardNotFound" }> {
  const db = authorize(ctx, "reports.view");
  if (dashboardId !== null) {
    const found = await db.dashboard.findFirst({ where: { AND: [{ id: dashboardId }, visibleTo(ctx)] }, select: { id: true } });
    if (!found) return { error: "dashboardNotFound" };
  }
  await db.$transaction(async (tx) => {
    const own = await tx.dashboard.findFirst({ where: { id: ownId(ctx), userId: ctx.user.id, audience: null }, select: { cards: true } });
    await tx.dashboard.upsert({
      where: { tenantId_id: { tenantId: ctx.tenant.id, id: ownId(ctx) } },
      create: { id: ownId(ctx), tenantId: ctx.tenant.id, userId: ctx.user.id, name: "", audience: null, cards: (own ? readDashboardCards(own.cards) : defaultDashboardCards()), showingId: dashboardId },
      update: { showingId: dashboardId },
    });
  });
  return { ok: true };
}

/**
 * An Owner or Admin publishes a copy of their own cards (as they are now) to the workspace or a
 * role. Audited with the dashboard and who it reaches, as every change others' screens follow is.
 */
export async function publishDashboard(ctx: MemberContext, name: string, audience: DashboardAudience, meta: RequestMeta): Promise<{ id: string }> {
  const db = authorize(ctx, "workspace.manageSettings");
  return db.$transaction(async (tx) => {
    const own = await tx.dashboard.findFirst({ where: { id: ownId(ctx), userId: ctx.user.id, audience: null }, select: { cards: true } });
    const cards = own ? readDashboardCards(own.cards) : defaultDashboardCards();
    const row = await tx.dashboard.create({
      data: { tenantId: ctx.tenant.id, userId: ctx.user.id, name, audience, cards: cards },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: auditEventRow({
        tenantId: ctx.tenant.id,
        type: "dashboard.published",
        actorUserId: ctx.user.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { dashboardId: row.id, name, audience, reports: cards.map((card) => card.report) },
      }),
    });
    return row;
  });
}

/** An Owner or Admin takes a published dashboard down; members who showed it see their own again. */
export async function unpublishDashboard(ctx: MemberContext, dashboardId: string, meta: RequestMeta): Promise<{ ok: true } | { error: "dashboardNotFound" }> {
  const db = authorize(ctx, "workspace.manageSettings");
  return db.$transaction(async (tx) => {
    const removed = await tx.dashboard.findFirst({ where: { id: dashboardId, audience: { not: null } }, select: { id: true, name: true, audience: true } });
    if (!removed || (await tx.dashboard.deleteMany({ where: { id: removed.id, audience: { not: null } } })).count === 0) return { error: "dashboardNotFound" as const };
    await tx.dashboard.updateMany({ where: { showingId: dashboardId }, data: { showingId: null } });
    await tx.auditEvent.create({
      data: auditEventRow({
        tenantId: ctx.tenant.id,
        type: "dashboard.unpublished",
        actorUserId: ctx.user.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        data: { dashboardId: removed.id, name: removed.name, audience: removed.audience },
      }),
    });
    return { ok: true as const };
  });
}
