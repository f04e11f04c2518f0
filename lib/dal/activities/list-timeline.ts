import "server-only";
import type { ActivityType, StageKind } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/auth/permissions";
import { authorize, type MemberContext } from "../context";
import { activityWhere, contactWhere, customerWhere, opportunityWhere, recordScope } from "../crm/visibility";

// One record's communication history, newest first: the activities linked to it and, for an
// opportunity (or a customer's opportunities), every stage change. Keyset pagination on
// (occurredAt, id) across both streams, so ties (two entries in the same millisecond) are neither
// skipped nor repeated between pages. A target the member may not see reads as not found (null).

export type TimelineTarget = { customerId: string } | { contactId: string } | { opportunityId: string };

type Person = { id: string; name: string };

export type TimelineActivity = {
  kind: "activity";
  id: string;
  occurredAt: Date;
  type: ActivityType;
  subject: string;
  body: string | null;
  durationMinutes: number | null;
  outcome: string | null;
  participants: string[];
  owner: Person;
  customer: { id: string; name: string };
  contact: { id: string; name: string } | null;
  opportunity: { id: string; title: string } | null;
  /** The member may edit or delete it (their own, or any for Owners and Admins). */
  canEdit: boolean;
  /** The version an edit form sends back (a newer one means someone else saved in between). */
  updatedAt: Date;
  /** Changed after it was logged. */
  edited: boolean;
};

export type TimelineStageChange = {
  kind: "stage-change";
  id: string;
  occurredAt: Date;
  opportunity: { id: string; title: string };
  from: { id: string; name: string } | null;
  to: { id: string; name: string; kind: StageKind };
  changedBy: Person | null;
};

export type TimelineItem = TimelineActivity | TimelineStageChange;
export type TimelinePage = { items: TimelineItem[]; nextCursor: string | null };

export const TIMELINE_PAGE_SIZE = 20;

function encodeCursor(item: { occurredAt: Date; id: string }): string {
  return Buffer.from(`${item.occurredAt.toISOString()}|${item.id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor || cursor.length > 200) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime())) return null;
  return { at, id };
}

function newerFirst(a: { occurredAt: Date; id: string }, b: { occurredAt: Date; id: string }): number {
  const byTime = b.occurredAt.getTime() - a.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export async function listTimeline(
  ctx: MemberContext,
  target: TimelineTarget,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<TimelinePage | null> {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const limit = Math.min(Math.max(options.limit ?? TIMELINE_PAGE_SIZE, 1), 100);
  const after = decodeCursor(options.cursor);

  let activityFilter: object;
  let stageFilter: object | null = null;
  if ("customerId" in target) {
    const visible = await db.customer.findFirst({ where: { id: target.customerId, deletedAt: null, ...customerWhere(scope) }, select: { id: true } });
    if (!visible) return null;
    activityFilter = { customerId: target.customerId };
    stageFilter = { opportunity: { customerId: target.customerId, deletedAt: null, ...opportunityWhere(scope) } };
  } else if ("contactId" in target) {
    const visible = await db.contact.findFirst({
      where: { id: target.contactId, deletedAt: null, customer: { deletedAt: null }, ...contactWhere(scope) },
      select: { id: true },
    });
    if (!visible) return null;
    activityFilter = { contactId: target.contactId };
  } else {
    const visible = await db.opportunity.findFirst({
      where: { id: target.opportunityId, deletedAt: null, ...opportunityWhere(scope) },
      select: { id: true },
    });
    if (!visible) return null;
    activityFilter = { opportunityId: target.opportunityId };
    stageFilter = { opportunityId: target.opportunityId };
  }

  const activityKeyset = after
    ? { OR: [{ occurredAt: { lt: after.at } }, { occurredAt: after.at, id: { lt: after.id } }] }
    : {};
  const stageKeyset = after ? { OR: [{ changedAt: { lt: after.at } }, { changedAt: after.at, id: { lt: after.id } }] } : {};

  const [activities, stageChanges] = await Promise.all([
    db.activity.findMany({
      where: { AND: [activityFilter, { deletedAt: null }, activityWhere(scope), activityKeyset] },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: {
        id: true,
        type: true,
        subject: true,
        body: true,
        occurredAt: true,
        durationMinutes: true,
        outcome: true,
        participants: true,
        ownerId: true,
        updatedAt: true,
        owner: { select: { id: true, name: true } },
        customer: { select: { id: true, name: true } },
        contact: { select: { id: true, name: true, deletedAt: true } },
        opportunity: { select: { id: true, title: true, deletedAt: true } },
      },
    }),
    stageFilter
      ? db.opportunityStageChange.findMany({
          where: { AND: [stageFilter, stageKeyset] },
          orderBy: [{ changedAt: "desc" }, { id: "desc" }],
          take: limit + 1,
          select: {
            id: true,
            changedAt: true,
            opportunity: { select: { id: true, title: true } },
            fromStage: { select: { id: true, name: true } },
            toStage: { select: { id: true, name: true, kind: true } },
            changedBy: { select: { id: true, name: true } },
          },
        })
      : Promise.resolve([]),
  ]);

  // "Edited" comes from the field history (an update entry), not from comparing timestamps.
  const edits = activities.length
    ? await db.recordChange.findMany({
        where: { entityType: "activity", entityId: { in: activities.map((row) => row.id) }, action: "updated" },
        distinct: ["entityId"],
        select: { entityId: true },
      })
    : [];
  const editedIds = new Set(edits.map((edit) => edit.entityId));
  const isAdmin = ctx.role === "OWNER" || ctx.role === "ADMIN";
  const mayWrite = can(ctx.role, "records.write");
  const merged: TimelineItem[] = [
    ...activities.map(
      (row): TimelineActivity => ({
        kind: "activity",
        id: row.id,
        occurredAt: row.occurredAt,
        type: row.type,
        subject: row.subject,
        body: row.body,
        durationMinutes: row.durationMinutes,
        outcome: row.outcome,
        participants: row.participants,
        owner: row.owner,
        customer: row.customer,
        contact: row.contact && !row.contact.deletedAt ? { id: row.contact.id, name: row.contact.name } : null,
        opportunity: row.opportunity && !row.opportunity.deletedAt ? { id: row.opportunity.id, title: row.opportunity.title } : null,
        canEdit: mayWrite && (isAdmin || row.ownerId === ctx.user.id),
        updatedAt: row.updatedAt,
        edited: editedIds.has(row.id),
      }),
    ),
    ...stageChanges.map(
      (row): TimelineStageChange => ({
        kind: "stage-change",
        id: row.id,
        occurredAt: row.changedAt,
        opportunity: row.opportunity,
        from: row.fromStage,
        to: row.toStage,
        changedBy: row.changedBy,
      }),
    ),
  ].sort(newerFirst);

  const items = merged.slice(0, limit);
  const nextCursor = merged.length > limit ? encodeCursor(items[items.length - 1]) : null;
  return { items, nextCursor };
}

export type TimelineLinks = {
  customerId: string;
  contacts: { id: string; name: string }[];
  opportunities: { id: string; title: string }[];
  fixedContactId: string | null;
  fixedOpportunityId: string | null;
};

/** What the quick-add form may link to from this record: its customer and that customer's visible contacts and opportunities. */
export async function timelineLinks(ctx: MemberContext, target: TimelineTarget): Promise<TimelineLinks | null> {
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  let customerId: string | null = null;
  if ("customerId" in target) {
    customerId = (await db.customer.findFirst({ where: { id: target.customerId, deletedAt: null, ...customerWhere(scope) }, select: { id: true } }))?.id ?? null;
  } else if ("contactId" in target) {
    customerId = (await db.contact.findFirst({ where: { id: target.contactId, deletedAt: null, ...contactWhere(scope) }, select: { customerId: true } }))?.customerId ?? null;
  } else {
    customerId =
      (await db.opportunity.findFirst({ where: { id: target.opportunityId, deletedAt: null, ...opportunityWhere(scope) }, select: { customerId: true } }))
        ?.customerId ?? null;
  }
  if (!customerId) return null;
  const [contacts, opportunities] = await Promise.all([
    db.contact.findMany({ where: { customerId, deletedAt: null, ...contactWhere(scope) }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 200, select: { id: true, name: true } }),
    db.opportunity.findMany({
      where: { customerId, deletedAt: null, ...opportunityWhere(scope) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
      select: { id: true, title: true },
    }),
  ]);
  return {
    customerId,
    contacts,
    opportunities,
    fixedContactId: "contactId" in target ? target.contactId : null,
    fixedOpportunityId: "opportunityId" in target ? target.opportunityId : null,
  };
}
