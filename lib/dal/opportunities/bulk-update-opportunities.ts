import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/auth/audit";
import { can } from "@/lib/auth/permissions";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { BULK_LIMIT, cleanIds, type BulkOutcome, type BulkSelection } from "../crm/bulk-selection";
import { opportunityFilterSql, opportunityMatchesSql } from "./list-opportunities";
import { opportunityListSearchParams, type OpportunityListQuery } from "./list-query";
import { liveStage } from "./write-opportunity";

// Bulk actions on the opportunity table: a new owner or a new stage for the rows a member ticked
// or for every opportunity the table's filters match. As with customers
// (lib/dal/customers/bulk-update-customers.ts): one statement over the whole selection that locks
// the rows, changes those it applies to and writes what the single edit writes (the field history,
// and for a stage the OpportunityStageChange row and closedAt as moveOpportunity sets them); the
// board and report rollups follow through their statement-level triggers; the member's visibility
// is checked when the selection is resolved and again inside the statement; one audit entry.

export type OpportunityFilters = Omit<OpportunityListQuery, "view" | "sort" | "dir" | "cursor">;

export type OpportunityBulkChange = { kind: "owner"; ownerId: string } | { kind: "stage"; stageId: string; lostReason?: string | null };

type Counts = { selected: number; changed: number };

/** The opportunities the selection names that the member may change, at most BULK_LIMIT + 1. */
async function resolveSelection(ctx: MemberContext, selection: BulkSelection<OpportunityFilters>): Promise<{ requested: number; ids: string[] }> {
  const db = authorize(ctx, "records.write");
  if ("ids" in selection) {
    const wanted = cleanIds(selection.ids);
    if (wanted.length === 0) return { requested: 0, ids: [] };
    // Visible, not in the trash, nor its customer; only the member's own workspace.
    const { where } = await opportunityFilterSql(ctx, {});
    const rows = await db.$tenantQuery<{ id: string }[]>(() => Prisma.sql`SELECT o."id" FROM "Opportunity" o WHERE ${where} AND o."id" = ANY(${wanted}::text[])`);
    return { requested: wanted.length, ids: rows.map((row) => row.id) };
  }
  // "All N matching": the table's filters as the page reads them from the URL, with its visibility.
  const filter = await opportunityFilterSql(ctx, selection.filters);
  const rows = await db.$tenantQuery<{ id: string }[]>(
    () => Prisma.sql`SELECT o."id" FROM "Opportunity" o WHERE ${opportunityMatchesSql(filter)} ORDER BY o."id" LIMIT ${BULK_LIMIT + 1}`,
  );
  return { requested: rows.length, ids: rows.map((row) => row.id) };
}

/** A {from, to} pair for the field history when the value changes, else nothing. */
function historyPair(field: string, from: Prisma.Sql, to: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${from} IS DISTINCT FROM ${to} THEN jsonb_build_object(${field}::text, jsonb_build_object('from', to_jsonb(${from}), 'to', to_jsonb(${to}))) ELSE '{}'::jsonb END`;
}

export async function bulkUpdateOpportunities(
  ctx: MemberContext,
  selection: BulkSelection<OpportunityFilters>,
  change: OpportunityBulkChange,
  meta: RequestMeta,
): Promise<BulkOutcome> {
  const db = authorize(ctx, "records.write");
  let value: string;
  let stage: { id: string; probability: number; kind: "OPEN" | "WON" | "LOST" } | null = null;
  let lostReason: string | null = null;
  if (change.kind === "owner") {
    // The single edit's rule: an active member who may write records.
    const owner = await db.user.findFirst({ where: { id: change.ownerId, status: "ACTIVE" }, select: { name: true, role: true } });
    if (!owner || !can(owner.role, "records.write")) return { ok: false, reason: "ownerInvalid" };
    value = owner.name;
  } else {
    stage = await liveStage(db, change.stageId);
    if (!stage) return { ok: false, reason: "stageInvalid" };
    lostReason = stage.kind === "LOST" ? (change.lostReason?.trim() || null) : null;
    if (stage.kind === "LOST" && !lostReason) return { ok: false, reason: "lostReasonRequired" };
    const named = await db.pipelineStage.findFirst({ where: { id: stage.id }, select: { name: true } });
    value = named?.name ?? "";
  }
  const { requested, ids } = await resolveSelection(ctx, selection);
  if (requested === 0) return { ok: false, reason: "nothingSelected" };
  if (ids.length > BULK_LIMIT) return { ok: false, reason: "tooMany", limit: BULK_LIMIT };

  const now = new Date().toISOString();
  const { where } = await opportunityFilterSql(ctx, {});
  const target = Prisma.sql`
    SELECT o."id", o."ownerId", o."stageId", o."probability", o."lostReason", o."closedAt", s."kind"::text AS "fromKind"
    FROM "Opportunity" o JOIN "PipelineStage" s ON s."tenantId" = o."tenantId" AND s."id" = o."stageId"
    WHERE ${where} AND o."id" = ANY(${ids}::text[])
    FOR UPDATE OF o`;
  let statement: (tenant: Prisma.Sql) => Prisma.Sql;
  if (change.kind === "owner") {
    statement = (tenant) => Prisma.sql`
      WITH t AS (${target}), changed AS (
        UPDATE "Opportunity" o SET "ownerId" = ${change.ownerId}, "version" = o."version" + 1, "updatedAt" = ${now}::timestamp(3)
        FROM t WHERE o."tenantId" = ${tenant} AND o."id" = t."id" AND t."ownerId" <> ${change.ownerId}
        RETURNING o."id"
      ), history AS (
        INSERT INTO "RecordChange" ("id", "tenantId", "entityType", "entityId", "action", "actorId", "changes")
        SELECT gen_random_uuid()::text, ${tenant}, 'opportunity', t."id", 'updated', ${ctx.user.id},
               jsonb_build_object('ownerId', jsonb_build_object('from', t."ownerId", 'to', ${change.ownerId}::text))
        FROM t JOIN changed ON changed."id" = t."id"
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM t)::int AS "selected", (SELECT count(*) FROM history)::int AS "changed"`;
  } else {
    const to = stage!;
    // closedAt as closedAtFor sets it: none while open, kept when staying won (or lost), else now.
    const closedAt = Prisma.sql`CASE WHEN ${to.kind}::text = 'OPEN' THEN NULL
      WHEN t."fromKind" = ${to.kind}::text AND t."closedAt" IS NOT NULL THEN t."closedAt" ELSE ${now}::timestamp(3) END`;
    statement = (tenant) => Prisma.sql`
      WITH t AS (${target}), changed AS (
        UPDATE "Opportunity" o SET "stageId" = ${to.id}, "probability" = ${to.probability}, "lostReason" = ${lostReason}::text,
          "closedAt" = ${closedAt}, "version" = o."version" + 1, "updatedAt" = ${now}::timestamp(3)
        FROM t WHERE o."tenantId" = ${tenant} AND o."id" = t."id" AND t."stageId" <> ${to.id}
        RETURNING o."id"
      ), moves AS (
        INSERT INTO "OpportunityStageChange" ("id", "tenantId", "opportunityId", "fromStageId", "toStageId", "changedById")
        SELECT gen_random_uuid()::text, ${tenant}, t."id", t."stageId", ${to.id}, ${ctx.user.id}
        FROM t JOIN changed ON changed."id" = t."id"
        RETURNING 1
      ), history AS (
        INSERT INTO "RecordChange" ("id", "tenantId", "entityType", "entityId", "action", "actorId", "changes")
        SELECT gen_random_uuid()::text, ${tenant}, 'opportunity', t."id", 'stage-changed', ${ctx.user.id},
               jsonb_build_object('stageId', jsonb_build_object('from', t."stageId", 'to', ${to.id}::text))
               || ${historyPair("probability", Prisma.sql`t."probability"`, Prisma.sql`${to.probability}::int`)}
               || ${historyPair("lostReason", Prisma.sql`t."lostReason"`, Prisma.sql`${lostReason}::text`)}
        FROM t JOIN changed ON changed."id" = t."id"
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM t)::int AS "selected", (SELECT count(*) FROM history)::int AS "changed",
             (SELECT count(*) FROM moves)::int AS "moves"`;
  }
  const [counts] = await db.$tenantQuery<Counts[]>(statement);
  const { selected, changed } = counts ?? { selected: 0, changed: 0 };
  const skipped = { notFound: requested - selected, unchanged: selected - changed, tagsFull: 0 };

  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "records.bulk_changed",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: {
      what: "opportunities",
      action: change.kind,
      value,
      ...(change.kind === "owner" ? { ownerId: change.ownerId } : { stageId: change.stageId }),
      changed,
      skipped: skipped.notFound + skipped.unchanged,
      ...("ids" in selection ? { ids: ids.join(",") } : { filters: Object.fromEntries(opportunityListSearchParams(selection.filters)) }),
    },
  });
  return { ok: true, changed, skipped };
}
