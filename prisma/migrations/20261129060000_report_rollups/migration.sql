-- Reports (issue 6): rollups that keep the conversion funnel and "activities per owner per
-- week" fast on a large workspace, maintained by triggers in the same transaction as every write
-- (the DAL, the CSV import, transfers, trash and restore, anything with SQL), so they are never
-- stale. lib/dal/reports/stage-funnel.ts and activities-by-week.ts read them; DESIGN.md, "Reports".
--
-- They are plain tables outside schema.prisma on purpose: only these triggers write them (a Prisma
-- model would offer create/update/delete to application code), and the reports read them with raw
-- SQL that always filters by "tenantId" (lib/dal/reports/report-rollups.test.ts checks another
-- workspace's counts never show).
--
-- What a row counts: the live rows the reports count for a member who sees the whole workspace,
-- i.e. not in the trash and on a customer that is not in the trash, per UTC day. The customer's
-- owner is part of the key so the Sales-rep scope ("their own, or on a customer they own") can be
-- answered from the rollup too, and activities are also counted per tag of their customer for the
-- tag filter. (The funnel reads its raw rows with a tag filter: few enough to be fast.) Counters can reach zero and stay (their key is bounded by days ×
-- owners × types / stage sets); readers ignore zeros.
--
-- Concurrency: increments are INSERT … ON CONFLICT DO UPDATE, decrements UPDATE the existing row,
-- both relative ("count" + n), so concurrent writers add up exactly. A row's contribution also
-- depends on its customer (owner, trash) and, for an opportunity, on its stage history, which other
-- transactions may change at the same time; the triggers lock those rows FOR SHARE before reading
-- them, which orders them after (or before) a concurrent change of the customer / opportunity, so
-- both sides agree on what was counted.
--
-- Deletes: a hard-deleted customer takes its activities and opportunities with it (ON DELETE
-- CASCADE); its BEFORE DELETE trigger removes their counts while they still exist, and the cascaded
-- deletes then find no customer and count nothing. An opportunity's BEFORE DELETE does the same for
-- its stage history. While a whole workspace is being deleted nothing is counted (its rollup rows
-- go with it by cascade).

CREATE TABLE "ReportActivityDay" (
  "tenantId" TEXT NOT NULL,
  -- UTC day of "occurredAt".
  "day" DATE NOT NULL,
  "ownerId" TEXT NOT NULL,
  "customerOwnerId" TEXT NOT NULL,
  "type" "ActivityType" NOT NULL,
  "count" INTEGER NOT NULL,
  CONSTRAINT "ReportActivityDay_pkey" PRIMARY KEY ("tenantId", "day", "ownerId", "customerOwnerId", "type"),
  CONSTRAINT "ReportActivityDay_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The same per tag of the customer, for the tag filter (tags are many-valued, so a row per tag;
-- a customer's tags are distinct here even when its array repeats one).
CREATE TABLE "ReportActivityTagDay" (
  "tenantId" TEXT NOT NULL,
  "tag" TEXT NOT NULL,
  "day" DATE NOT NULL,
  "ownerId" TEXT NOT NULL,
  "customerOwnerId" TEXT NOT NULL,
  "type" "ActivityType" NOT NULL,
  "count" INTEGER NOT NULL,
  CONSTRAINT "ReportActivityTagDay_pkey" PRIMARY KEY ("tenantId", "tag", "day", "ownerId", "customerOwnerId", "type"),
  CONSTRAINT "ReportActivityTagDay_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "ReportOpportunityDay" (
  "tenantId" TEXT NOT NULL,
  -- UTC day of "createdAt".
  "day" DATE NOT NULL,
  "ownerId" TEXT NOT NULL,
  "customerOwnerId" TEXT NOT NULL,
  -- Every stage the opportunity ever stood at (its stage history's "toStageId"s and its current
  -- stage), sorted. Stage ids, not positions: the pipeline editor can reorder and archive stages,
  -- so the furthest position is worked out when the funnel is read.
  "reachedStageIds" TEXT[] NOT NULL,
  "count" INTEGER NOT NULL,
  CONSTRAINT "ReportOpportunityDay_pkey" PRIMARY KEY ("tenantId", "day", "ownerId", "customerOwnerId", "reachedStageIds"),
  CONSTRAINT "ReportOpportunityDay_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The stages an opportunity stood at, given its current stage, leaving out the history rows
-- `skip_ids` and adding `extra_stage_ids` (how the history looked before a change to it).
CREATE FUNCTION report_reached_stages(tenant_id TEXT, opportunity_id TEXT, stage_id TEXT, skip_ids TEXT[], extra_stage_ids TEXT[])
RETURNS TEXT[] LANGUAGE sql STABLE AS $$
  SELECT array_agg(DISTINCT s ORDER BY s) FROM (
    SELECT stage_id AS s
    UNION ALL
    SELECT sc."toStageId" FROM "OpportunityStageChange" sc
    WHERE sc."tenantId" = tenant_id AND sc."opportunityId" = opportunity_id AND sc."id" <> ALL (skip_ids)
    UNION ALL
    SELECT unnest(extra_stage_ids)
  ) stages
$$;

-- --- Applying deltas -------------------------------------------------------------------------

CREATE FUNCTION report_apply_activity_deltas(deltas JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT x."tenantId", x."day", x."ownerId", x."customerOwnerId", x."type", x."n"
    FROM jsonb_to_recordset(deltas) AS x("tenantId" TEXT, "day" DATE, "ownerId" TEXT, "customerOwnerId" TEXT, "type" "ActivityType", "n" INTEGER)
  ),
  decremented AS (
    UPDATE "ReportActivityDay" r SET "count" = r."count" + d."n"
    FROM d
    WHERE d."n" < 0 AND r."tenantId" = d."tenantId" AND r."day" = d."day" AND r."ownerId" = d."ownerId"
      AND r."customerOwnerId" = d."customerOwnerId" AND r."type" = d."type"
  )
  INSERT INTO "ReportActivityDay" AS r ("tenantId", "day", "ownerId", "customerOwnerId", "type", "count")
  SELECT d."tenantId", d."day", d."ownerId", d."customerOwnerId", d."type", d."n" FROM d
  WHERE d."n" > 0 AND EXISTS (SELECT 1 FROM "Tenant" t WHERE t."id" = d."tenantId")
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "day", "ownerId", "customerOwnerId", "type") DO UPDATE SET "count" = r."count" + EXCLUDED."count";
END $$;

CREATE FUNCTION report_apply_activity_tag_deltas(deltas JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT x."tenantId", x."tag", x."day", x."ownerId", x."customerOwnerId", x."type", x."n"
    FROM jsonb_to_recordset(deltas) AS x("tenantId" TEXT, "tag" TEXT, "day" DATE, "ownerId" TEXT, "customerOwnerId" TEXT, "type" "ActivityType", "n" INTEGER)
  ),
  decremented AS (
    UPDATE "ReportActivityTagDay" r SET "count" = r."count" + d."n"
    FROM d
    WHERE d."n" < 0 AND r."tenantId" = d."tenantId" AND r."tag" = d."tag" AND r."day" = d."day" AND r."ownerId" = d."ownerId"
      AND r."customerOwnerId" = d."customerOwnerId" AND r."type" = d."type"
  )
  INSERT INTO "ReportActivityTagDay" AS r ("tenantId", "tag", "day", "ownerId", "customerOwnerId", "type", "count")
  SELECT d."tenantId", d."tag", d."day", d."ownerId", d."customerOwnerId", d."type", d."n" FROM d
  WHERE d."n" > 0 AND EXISTS (SELECT 1 FROM "Tenant" t WHERE t."id" = d."tenantId")
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("tenantId", "tag", "day", "ownerId", "customerOwnerId", "type") DO UPDATE SET "count" = r."count" + EXCLUDED."count";
END $$;

CREATE FUNCTION report_apply_opportunity_deltas(deltas JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT x."tenantId", x."day", x."ownerId", x."customerOwnerId", x."reachedStageIds", x."n"
    FROM jsonb_to_recordset(deltas) AS x("tenantId" TEXT, "day" DATE, "ownerId" TEXT, "customerOwnerId" TEXT, "reachedStageIds" TEXT[], "n" INTEGER)
  ),
  decremented AS (
    UPDATE "ReportOpportunityDay" r SET "count" = r."count" + d."n"
    FROM d
    WHERE d."n" < 0 AND r."tenantId" = d."tenantId" AND r."day" = d."day" AND r."ownerId" = d."ownerId"
      AND r."customerOwnerId" = d."customerOwnerId" AND r."reachedStageIds" = d."reachedStageIds"
  )
  INSERT INTO "ReportOpportunityDay" AS r ("tenantId", "day", "ownerId", "customerOwnerId", "reachedStageIds", "count")
  SELECT d."tenantId", d."day", d."ownerId", d."customerOwnerId", d."reachedStageIds", d."n" FROM d
  WHERE d."n" > 0 AND EXISTS (SELECT 1 FROM "Tenant" t WHERE t."id" = d."tenantId")
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "day", "ownerId", "customerOwnerId", "reachedStageIds") DO UPDATE SET "count" = r."count" + EXCLUDED."count";
END $$;

-- --- What changed rows contribute ------------------------------------------------------------
-- Each takes the rows as they were (counted −1) and as they are (+1); a row that still counts
-- the same cancels out.

CREATE FUNCTION report_activities_changed(old_rows "Activity"[], new_rows "Activity"[]) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  PERFORM 1 FROM "Customer" c
  WHERE (c."tenantId", c."id") IN (SELECT a."tenantId", a."customerId" FROM unnest(old_rows || new_rows) a)
  ORDER BY c."tenantId", c."id"
  FOR SHARE OF c;

  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT a."tenantId", a."occurredAt"::date AS "day", a."ownerId", c."ownerId" AS "customerOwnerId", a."type", sum(a.sign)::int AS "n"
    FROM (SELECT o.*, -1 AS sign FROM unnest(old_rows) o UNION ALL SELECT n.*, 1 AS sign FROM unnest(new_rows) n) a
    JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
    WHERE a."deletedAt" IS NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(a.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM report_apply_activity_deltas(deltas); END IF;

  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT a."tenantId", tg."tag", a."occurredAt"::date AS "day", a."ownerId", c."ownerId" AS "customerOwnerId", a."type", sum(a.sign)::int AS "n"
    FROM (SELECT o.*, -1 AS sign FROM unnest(old_rows) o UNION ALL SELECT n.*, 1 AS sign FROM unnest(new_rows) n) a
    JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
    CROSS JOIN LATERAL (SELECT DISTINCT t AS "tag" FROM unnest(c."tags") t) tg
    WHERE a."deletedAt" IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(a.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM report_apply_activity_tag_deltas(deltas); END IF;
END $$;

CREATE FUNCTION report_opportunities_changed(old_rows "Opportunity"[], new_rows "Opportunity"[]) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  PERFORM 1 FROM "Customer" c
  WHERE (c."tenantId", c."id") IN (SELECT o."tenantId", o."customerId" FROM unnest(old_rows || new_rows) o)
  ORDER BY c."tenantId", c."id"
  FOR SHARE OF c;

  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT o."tenantId", o."createdAt"::date AS "day", o."ownerId", c."ownerId" AS "customerOwnerId",
           report_reached_stages(o."tenantId", o."id", o."stageId", '{}', '{}') AS "reachedStageIds", sum(o.sign)::int AS "n"
    FROM (SELECT x.*, -1 AS sign FROM unnest(old_rows) x UNION ALL SELECT y.*, 1 AS sign FROM unnest(new_rows) y) o
    JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
    WHERE o."deletedAt" IS NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(o.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM report_apply_opportunity_deltas(deltas); END IF;
END $$;

-- Stage history rows added (new_rows), removed (old_rows) or both (an UPDATE): the opportunity's
-- reached stages before the change are its history without the new rows, plus the old ones.
CREATE FUNCTION report_stage_history_changed(old_rows "OpportunityStageChange"[], new_rows "OpportunityStageChange"[]) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  PERFORM 1 FROM "Opportunity" o
  WHERE (o."tenantId", o."id") IN (SELECT h."tenantId", h."opportunityId" FROM unnest(old_rows || new_rows) h)
  ORDER BY o."tenantId", o."id"
  FOR SHARE OF o;
  PERFORM 1 FROM "Customer" c
  WHERE (c."tenantId", c."id") IN (
    SELECT o."tenantId", o."customerId" FROM "Opportunity" o
    WHERE (o."tenantId", o."id") IN (SELECT h."tenantId", h."opportunityId" FROM unnest(old_rows || new_rows) h))
  ORDER BY c."tenantId", c."id"
  FOR SHARE OF c;

  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT o."tenantId", o."createdAt"::date AS "day", o."ownerId", c."ownerId" AS "customerOwnerId", r."reachedStageIds", sum(r.sign)::int AS "n"
    FROM (
      -- Per opportunity: the history rows added (left out of "before") and removed (put back).
      SELECT h."tenantId", h."opportunityId",
             coalesce(array_agg(h."id") FILTER (WHERE h.added), '{}') AS added_ids,
             coalesce(array_agg(h."toStageId") FILTER (WHERE NOT h.added), '{}') AS removed_stage_ids
      FROM (SELECT n."tenantId", n."opportunityId", n."id", n."toStageId", true AS added FROM unnest(new_rows) n
            UNION ALL
            SELECT p."tenantId", p."opportunityId", p."id", p."toStageId", false FROM unnest(old_rows) p) h
      GROUP BY 1, 2
    ) k
    JOIN "Opportunity" o ON o."tenantId" = k."tenantId" AND o."id" = k."opportunityId" AND o."deletedAt" IS NULL
    JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
    CROSS JOIN LATERAL (
      SELECT report_reached_stages(o."tenantId", o."id", o."stageId", k.added_ids, k.removed_stage_ids) AS "reachedStageIds", -1 AS sign
      UNION ALL
      SELECT report_reached_stages(o."tenantId", o."id", o."stageId", '{}', '{}'), 1
    ) r
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM report_apply_opportunity_deltas(deltas); END IF;
END $$;

-- A customer's owner, tags or trash state changed (or it is being deleted): its live activities
-- and opportunities move from the old customer owner's (and tags') counts to the new ones, or out
-- of / into the counts altogether.
CREATE FUNCTION report_customers_changed(old_rows "Customer"[], new_rows "Customer"[]) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT a."tenantId", a."occurredAt"::date AS "day", a."ownerId", c."ownerId" AS "customerOwnerId", a."type", sum(c.sign)::int AS "n"
    FROM (SELECT x.*, -1 AS sign FROM unnest(old_rows) x UNION ALL SELECT y.*, 1 AS sign FROM unnest(new_rows) y) c
    JOIN "Activity" a ON a."tenantId" = c."tenantId" AND a."customerId" = c."id" AND a."deletedAt" IS NULL
    WHERE c."deletedAt" IS NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(c.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM report_apply_activity_deltas(deltas); END IF;

  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT a."tenantId", tg."tag", a."occurredAt"::date AS "day", a."ownerId", c."ownerId" AS "customerOwnerId", a."type", sum(c.sign)::int AS "n"
    FROM (SELECT x.*, -1 AS sign FROM unnest(old_rows) x UNION ALL SELECT y.*, 1 AS sign FROM unnest(new_rows) y) c
    CROSS JOIN LATERAL (SELECT DISTINCT t AS "tag" FROM unnest(c."tags") t) tg
    JOIN "Activity" a ON a."tenantId" = c."tenantId" AND a."customerId" = c."id" AND a."deletedAt" IS NULL
    WHERE c."deletedAt" IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(c.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM report_apply_activity_tag_deltas(deltas); END IF;

  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT o."tenantId", o."createdAt"::date AS "day", o."ownerId", c."ownerId" AS "customerOwnerId",
           report_reached_stages(o."tenantId", o."id", o."stageId", '{}', '{}') AS "reachedStageIds", sum(c.sign)::int AS "n"
    FROM (SELECT x.*, -1 AS sign FROM unnest(old_rows) x UNION ALL SELECT y.*, 1 AS sign FROM unnest(new_rows) y) c
    JOIN "Opportunity" o ON o."tenantId" = c."tenantId" AND o."customerId" = c."id" AND o."deletedAt" IS NULL
    WHERE c."deletedAt" IS NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(c.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM report_apply_opportunity_deltas(deltas); END IF;
END $$;

-- --- Triggers --------------------------------------------------------------------------------
-- Statement-level with transition tables where possible, so a bulk write (an import, a transfer,
-- emptying the trash) updates each counter once per statement rather than once per row.

CREATE FUNCTION report_activity_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_activities_changed('{}', (SELECT coalesce(array_agg(ROW(n.*)::"Activity"), '{}') FROM inserted n));
  RETURN NULL;
END $$;

CREATE FUNCTION report_activity_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  before_rows "Activity"[];
  after_rows "Activity"[];
BEGIN
  SELECT array_agg(ROW(o.*)::"Activity"), array_agg(ROW(n.*)::"Activity") INTO before_rows, after_rows
  FROM before_update o JOIN after_update n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
  WHERE (o."deletedAt" IS NULL, o."occurredAt"::date, o."ownerId", o."type", o."customerId")
        IS DISTINCT FROM (n."deletedAt" IS NULL, n."occurredAt"::date, n."ownerId", n."type", n."customerId");
  IF before_rows IS NOT NULL THEN PERFORM report_activities_changed(before_rows, after_rows); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION report_activity_deleted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_activities_changed((SELECT coalesce(array_agg(ROW(o.*)::"Activity"), '{}') FROM deleted o), '{}');
  RETURN NULL;
END $$;

CREATE TRIGGER report_activity_inserted AFTER INSERT ON "Activity"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_activity_inserted();
CREATE TRIGGER report_activity_updated AFTER UPDATE ON "Activity"
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION report_activity_updated();
CREATE TRIGGER report_activity_deleted AFTER DELETE ON "Activity"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION report_activity_deleted();

CREATE FUNCTION report_opportunity_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_opportunities_changed('{}', (SELECT coalesce(array_agg(ROW(n.*)::"Opportunity"), '{}') FROM inserted n));
  RETURN NULL;
END $$;

CREATE FUNCTION report_opportunity_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  before_rows "Opportunity"[];
  after_rows "Opportunity"[];
BEGIN
  SELECT array_agg(ROW(o.*)::"Opportunity"), array_agg(ROW(n.*)::"Opportunity") INTO before_rows, after_rows
  FROM before_update o JOIN after_update n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
  WHERE (o."deletedAt" IS NULL, o."createdAt"::date, o."ownerId", o."stageId", o."customerId")
        IS DISTINCT FROM (n."deletedAt" IS NULL, n."createdAt"::date, n."ownerId", n."stageId", n."customerId");
  IF before_rows IS NOT NULL THEN PERFORM report_opportunities_changed(before_rows, after_rows); END IF;
  RETURN NULL;
END $$;

-- BEFORE, so the stage history (deleted with it by cascade) is still there to say what it reached.
CREATE FUNCTION report_opportunity_deleting() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Tenant" t WHERE t."id" = OLD."tenantId") THEN
    PERFORM report_opportunities_changed(ARRAY[OLD], '{}');
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER report_opportunity_inserted AFTER INSERT ON "Opportunity"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_opportunity_inserted();
CREATE TRIGGER report_opportunity_updated AFTER UPDATE ON "Opportunity"
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION report_opportunity_updated();
CREATE TRIGGER report_opportunity_deleting BEFORE DELETE ON "Opportunity"
  FOR EACH ROW EXECUTE FUNCTION report_opportunity_deleting();

CREATE FUNCTION report_stage_change_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_stage_history_changed('{}', (SELECT coalesce(array_agg(ROW(n.*)::"OpportunityStageChange"), '{}') FROM inserted n));
  RETURN NULL;
END $$;

CREATE FUNCTION report_stage_change_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  before_rows "OpportunityStageChange"[];
  after_rows "OpportunityStageChange"[];
BEGIN
  SELECT array_agg(ROW(o.*)::"OpportunityStageChange"), array_agg(ROW(n.*)::"OpportunityStageChange") INTO before_rows, after_rows
  FROM before_update o JOIN after_update n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
  WHERE (o."opportunityId", o."toStageId") IS DISTINCT FROM (n."opportunityId", n."toStageId");
  IF before_rows IS NOT NULL THEN PERFORM report_stage_history_changed(before_rows, after_rows); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION report_stage_change_deleted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_stage_history_changed((SELECT coalesce(array_agg(ROW(o.*)::"OpportunityStageChange"), '{}') FROM deleted o), '{}');
  RETURN NULL;
END $$;

CREATE TRIGGER report_stage_change_inserted AFTER INSERT ON "OpportunityStageChange"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION report_stage_change_inserted();
CREATE TRIGGER report_stage_change_updated AFTER UPDATE ON "OpportunityStageChange"
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION report_stage_change_updated();
CREATE TRIGGER report_stage_change_deleted AFTER DELETE ON "OpportunityStageChange"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION report_stage_change_deleted();

CREATE FUNCTION report_customer_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  before_rows "Customer"[];
  after_rows "Customer"[];
BEGIN
  SELECT array_agg(ROW(o.*)::"Customer"), array_agg(ROW(n.*)::"Customer") INTO before_rows, after_rows
  FROM before_update o JOIN after_update n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
  WHERE (o."deletedAt" IS NULL, o."ownerId", o."tags") IS DISTINCT FROM (n."deletedAt" IS NULL, n."ownerId", n."tags");
  IF before_rows IS NOT NULL THEN PERFORM report_customers_changed(before_rows, after_rows); END IF;
  RETURN NULL;
END $$;

-- BEFORE, while its activities and opportunities (deleted with it by cascade) still exist.
CREATE FUNCTION report_customer_deleting() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Tenant" t WHERE t."id" = OLD."tenantId") THEN
    PERFORM report_customers_changed(ARRAY[OLD], '{}');
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER report_customer_updated AFTER UPDATE ON "Customer"
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update FOR EACH STATEMENT EXECUTE FUNCTION report_customer_updated();
CREATE TRIGGER report_customer_deleting BEFORE DELETE ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION report_customer_deleting();

-- --- Backfill ----------------------------------------------------------------------------------
-- The triggers above exist from here on, and this migration's transaction holds their tables'
-- trigger locks, so no write slips between the backfill and the triggers.

INSERT INTO "ReportActivityDay" ("tenantId", "day", "ownerId", "customerOwnerId", "type", "count")
SELECT a."tenantId", a."occurredAt"::date, a."ownerId", c."ownerId", a."type", count(*)::int
FROM "Activity" a
JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
WHERE a."deletedAt" IS NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "ReportActivityTagDay" ("tenantId", "tag", "day", "ownerId", "customerOwnerId", "type", "count")
SELECT a."tenantId", tg."tag", a."occurredAt"::date, a."ownerId", c."ownerId", a."type", count(*)::int
FROM "Activity" a
JOIN "Customer" c ON c."tenantId" = a."tenantId" AND c."id" = a."customerId" AND c."deletedAt" IS NULL
CROSS JOIN LATERAL (SELECT DISTINCT t AS "tag" FROM unnest(c."tags") t) tg
WHERE a."deletedAt" IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "ReportOpportunityDay" ("tenantId", "day", "ownerId", "customerOwnerId", "reachedStageIds", "count")
SELECT o."tenantId", o."createdAt"::date, o."ownerId", c."ownerId", report_reached_stages(o."tenantId", o."id", o."stageId", '{}', '{}'), count(*)::int
FROM "Opportunity" o
JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
WHERE o."deletedAt" IS NULL
GROUP BY 1, 2, 3, 4, 5;
