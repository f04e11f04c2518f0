import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditEventRow } from "@/lib/auth/audit";
import { mayMergeCustomers } from "@/lib/auth/permissions";
import { CUSTOMER_FIELDS } from "@/lib/validation/customer";
import { MERGE_FIELDS, type MergeChoices, type MergeField } from "@/lib/validation/customer-merge";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { customerWhere, recordScope } from "../crm/visibility";
import { diffFields, recordChange } from "../crm/record-history";
import { lastChange, refreshCustomerSearchText, type Conflict } from "./write-customer";

// Merging two customers that are the same company. The kept customer takes, field by field, the
// value the member chose; tags are the union of both. Contacts, opportunities, activities and
// tasks move to it (the triggers keep the board and report rollups right, as for any change of a
// row's customer). The other customer is not deleted: it goes to the trash with `mergedIntoId`
// pointing at the kept one, keeping its own field history (which is written per record id and
// never rewritten), so who typed what before the merge can still be read, and it is purged with
// the trash after 30 days like any deleted customer. One audit event, `customer.merged`.

export type MergeSide = {
  id: string;
  version: number;
  ownerId: string;
  ownerName: string;
  values: Record<MergeField, string | null>;
  tags: string[];
  counts: { contacts: number; opportunities: number; activities: number; tasks: number };
};

export type MergeResult =
  | { ok: true; id: string; moved: MergeSide["counts"] }
  | { ok: false; reason: "notFound" | "sameRecord" | "forbidden" | "ownerInvalid" }
  | { ok: false; reason: "conflict"; conflict: Conflict };

class MergeConflict extends Error {}

type Loaded = Prisma.CustomerGetPayload<{ include: { owner: { select: { name: true } } } }>;

async function loadBoth(ctx: MemberContext, keepId: string, mergeId: string): Promise<[Loaded, Loaded] | null> {
  const db = authorize(ctx, "records.write");
  const scope = await recordScope(ctx);
  const rows = await db.customer.findMany({
    where: { AND: [{ id: { in: [keepId, mergeId] }, deletedAt: null }, customerWhere(scope)] },
    include: { owner: { select: { name: true } } },
  });
  const keep = rows.find((row) => row.id === keepId);
  const merge = rows.find((row) => row.id === mergeId);
  return keep && merge ? [keep, merge] : null;
}

async function side(ctx: MemberContext, row: Loaded): Promise<MergeSide> {
  const db = authorize(ctx, "records.read");
  const [contacts, opportunities, activities, tasks] = await Promise.all([
    db.contact.count({ where: { customerId: row.id, deletedAt: null } }),
    db.opportunity.count({ where: { customerId: row.id, deletedAt: null } }),
    db.activity.count({ where: { customerId: row.id, deletedAt: null } }),
    db.task.count({ where: { customerId: row.id, deletedAt: null } }),
  ]);
  const values = Object.fromEntries(MERGE_FIELDS.map((field) => [field, row[field] ?? null])) as Record<MergeField, string | null>;
  return { id: row.id, version: row.version, ownerId: row.ownerId, ownerName: row.owner.name, values, tags: row.tags, counts: { contacts, opportunities, activities, tasks } };
}

/**
 * The two customers side by side for the merge page, or null when either is gone, not visible to
 * the member, the same record, or not the member's to merge.
 */
export async function getMergePair(ctx: MemberContext, keepId: string, mergeId: string): Promise<{ keep: MergeSide; merge: MergeSide } | null> {
  if (keepId === mergeId) return null;
  const both = await loadBoth(ctx, keepId, mergeId);
  if (!both || !mayMergeCustomers(ctx.role, ctx.user.id, [both[0].ownerId, both[1].ownerId])) return null;
  const [keep, merge] = await Promise.all([side(ctx, both[0]), side(ctx, both[1])]);
  return { keep, merge };
}

/**
 * Merges `mergeId` into `keepId`. Both versions must be the ones the member saw: a change to
 * either since the page was opened refuses the merge (nothing moves) and says who made it.
 */
export async function mergeCustomers(
  ctx: MemberContext,
  input: { keepId: string; keepVersion: number; mergeId: string; mergeVersion: number; choices: MergeChoices },
  meta: RequestMeta,
): Promise<MergeResult> {
  const db = authorize(ctx, "records.write");
  const { keepId, mergeId } = input;
  if (keepId === mergeId) return { ok: false, reason: "sameRecord" };
  const both = await loadBoth(ctx, keepId, mergeId);
  if (!both) return { ok: false, reason: "notFound" };
  const [keep, merge] = both;
  if (!mayMergeCustomers(ctx.role, ctx.user.id, [keep.ownerId, merge.ownerId])) return { ok: false, reason: "forbidden" };
  if (keep.version !== input.keepVersion) return { ok: false, reason: "conflict", conflict: await lastChange(db, "customer", keep.id, keep.updatedAt) };
  if (merge.version !== input.mergeVersion) return { ok: false, reason: "conflict", conflict: await lastChange(db, "customer", merge.id, merge.updatedAt) };

  const chosen = Object.fromEntries(MERGE_FIELDS.map((field) => [field, input.choices[field] === "merge" ? merge[field] : keep[field]])) as Record<MergeField, string | null>;
  const ownerId = chosen.ownerId ?? keep.ownerId;
  if (ownerId !== keep.ownerId) {
    const owner = await db.user.findFirst({ where: { id: ownerId, status: "ACTIVE" }, select: { id: true } });
    if (!owner) return { ok: false, reason: "ownerInvalid" };
  }
  const tags = [...keep.tags];
  for (const tag of merge.tags) if (!tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  const data = { ...chosen, name: chosen.name ?? keep.name, ownerId, status: chosen.status ?? keep.status, tags } as Prisma.CustomerUpdateManyMutationInput & Record<string, unknown>;
  const now = new Date();

  try {
    const moved = await db.$transaction(async (tx) => {
      // The versions in the WHEREs are the real guard: a save of either record that committed
      // after the checks above leaves one of these matching nothing, and the whole merge rolls back.
      const kept = await tx.customer.updateMany({ where: { id: keep.id, version: keep.version, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
      const trashed = await tx.customer.updateMany({
        where: { id: merge.id, version: merge.version, deletedAt: null },
        data: { deletedAt: now, deletedById: ctx.user.id, mergedIntoId: keep.id, version: { increment: 1 } },
      });
      if (kept.count === 0 || trashed.count === 0) throw new MergeConflict();

      const from = { customerId: merge.id };
      const to = { customerId: keep.id };
      const [contacts, opportunities, activities, tasks] = [
        await tx.contact.updateManyAndReturn({ where: from, data: { ...to, version: { increment: 1 } }, select: { id: true, deletedAt: true } }),
        await tx.opportunity.updateManyAndReturn({ where: from, data: { ...to, version: { increment: 1 } }, select: { id: true, deletedAt: true } }),
        await tx.activity.updateManyAndReturn({ where: from, data: to, select: { id: true, deletedAt: true } }),
        await tx.task.updateManyAndReturn({ where: from, data: to, select: { id: true, deletedAt: true } }),
      ];
      // Each moved record's own history says it changed company (one INSERT … SELECT, whatever the count).
      const movedRows = [
        ...contacts.map(({ id }) => [id, "contact"]),
        ...opportunities.map(({ id }) => [id, "opportunity"]),
        ...activities.map(({ id }) => [id, "activity"]),
        ...tasks.map(({ id }) => [id, "task"]),
      ];
      if (movedRows.length > 0) {
        await tx.$tenantExecute(
          (tenant) => Prisma.sql`
          INSERT INTO "RecordChange" ("id", "tenantId", "entityType", "entityId", "action", "actorId", "changes")
          SELECT gen_random_uuid()::text, ${tenant}, m.type, m.id, 'updated', ${ctx.user.id},
                 jsonb_build_object('customerId', jsonb_build_object('from', ${merge.id}::text, 'to', ${keep.id}::text))
          FROM unnest(${movedRows.map((row) => row[0])}::text[], ${movedRows.map((row) => row[1])}::text[]) AS m(id, type)`,
        );
      }
      await refreshCustomerSearchText(tx, keep.id);

      const changes = { ...diffFields(keep, data, CUSTOMER_FIELDS), mergedFrom: { from: null, to: merge.name } };
      await recordChange(tx, ctx.tenant.id, { entityType: "customer", entityId: keep.id, action: "merged", actorId: ctx.user.id, changes });
      await recordChange(tx, ctx.tenant.id, { entityType: "customer", entityId: merge.id, action: "deleted", actorId: ctx.user.id, changes: { mergedInto: { from: null, to: String(data.name) } } });

      const counts = {
        contacts: contacts.filter((row) => !row.deletedAt).length,
        opportunities: opportunities.filter((row) => !row.deletedAt).length,
        activities: activities.filter((row) => !row.deletedAt).length,
        tasks: tasks.filter((row) => !row.deletedAt).length,
      };
      await tx.auditEvent.create({
        data: auditEventRow({
          tenantId: ctx.tenant.id,
          type: "customer.merged",
          actorUserId: ctx.user.id,
          ip: meta.ip,
          userAgent: meta.userAgent,
          data: { customerId: keep.id, customerName: String(data.name), mergedId: merge.id, mergedName: merge.name, ...counts },
        }),
      });
      return counts;
    });
    return { ok: true, id: keep.id, moved };
  } catch (error) {
    if (!(error instanceof MergeConflict)) throw error;
    const stale = (await db.customer.findFirst({ where: { id: keep.id }, select: { version: true } }))?.version !== keep.version ? keep : merge;
    return { ok: false, reason: "conflict", conflict: await lastChange(db, "customer", stale.id, new Date()) };
  }
}

export type MergeCandidate = { id: string; name: string; city: string | null; ownerId: string; owner: { name: string } };

/** The customers named (the probable duplicates), as the merge page lists them, in the order given. */
export async function listMergeCandidates(ctx: MemberContext, ids: string[]): Promise<MergeCandidate[]> {
  if (ids.length === 0) return [];
  const db = authorize(ctx, "records.read");
  const scope = await recordScope(ctx);
  const rows = await db.customer.findMany({
    where: { AND: [{ id: { in: ids.slice(0, 20) }, deletedAt: null }, customerWhere(scope)] },
    select: { id: true, name: true, city: true, ownerId: true, owner: { select: { name: true } } },
  });
  return ids.flatMap((id) => rows.filter((row) => row.id === id));
}
