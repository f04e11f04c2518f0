-- The pipeline board's column totals (count and amount per stage and currency) without reading
-- every opportunity: a rollup kept correct by triggers in the same transaction as every write (the
-- DAL, the CSV import, transfers, trash and restore, anything with SQL), so it is never stale.
-- Summing 200,000 opportunities per board view took 150-300 ms on the 2-core benchmark machine;
-- this table has at most stages × currencies × owners × customer owners rows per workspace.
--
-- A row counts the live opportunities (not in the trash, on a customer not in the trash) with that
-- stage, currency, owner and customer owner. The customer's owner is in the key so a Sales rep's
-- board ("their own, or on a customer they own") reads from it too; filters it can't answer (a
-- search, a tag, a customer, close dates) fall back to summing the opportunities
-- (lib/dal/opportunities/list-opportunities.ts). Rows may fall to zero and stay; readers skip them.
--
-- A plain table outside schema.prisma: only these triggers write it, and its one reader filters by
-- "tenantId" (lib/dal/opportunities/board-totals.test.ts holds it to the opportunities themselves).
--
-- Concurrency: every change is relative ("count" + n). An opportunity's contribution depends on
-- its customer's owner and trash state, so the opportunity trigger reads the customer FOR SHARE: a
-- concurrent change of that customer (whose trigger moves its opportunities' contributions) then
-- runs entirely before or after, and both see the other's result.

CREATE TABLE "OpportunityStageTotal" (
  "tenantId" TEXT NOT NULL,
  "stageId" TEXT NOT NULL,
  "currency" TEXT NOT NULL,
  "ownerId" TEXT NOT NULL,
  "customerOwnerId" TEXT NOT NULL,
  "count" INTEGER NOT NULL,
  "amount" NUMERIC NOT NULL,
  CONSTRAINT "OpportunityStageTotal_pkey" PRIMARY KEY ("tenantId", "stageId", "currency", "ownerId", "customerOwnerId"),
  CONSTRAINT "OpportunityStageTotal_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Adds n opportunities worth `delta` to a key; n < 0 takes them away from the row that counted
-- them (an UPDATE only: while a workspace is deleted, its rows may already be gone, and inserting a
-- negative row for it would fail the foreign key).
CREATE FUNCTION board_total_add(tenant_id TEXT, stage_id TEXT, currency_code TEXT, owner_id TEXT, customer_owner_id TEXT, n INTEGER, delta NUMERIC)
RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  IF n < 0 THEN
    UPDATE "OpportunityStageTotal" t SET "count" = t."count" + n, "amount" = t."amount" + delta
    WHERE t."tenantId" = tenant_id AND t."stageId" = stage_id AND t."currency" = currency_code
      AND t."ownerId" = owner_id AND t."customerOwnerId" = customer_owner_id;
  ELSIF n > 0 THEN
    INSERT INTO "OpportunityStageTotal" AS t ("tenantId", "stageId", "currency", "ownerId", "customerOwnerId", "count", "amount")
    VALUES (tenant_id, stage_id, currency_code, owner_id, customer_owner_id, n, delta)
    ON CONFLICT ("tenantId", "stageId", "currency", "ownerId", "customerOwnerId")
    DO UPDATE SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
  END IF;
END
$$;

CREATE FUNCTION board_total_opportunity() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  customer_owner TEXT;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."deletedAt" IS NULL THEN
    SELECT c."ownerId" INTO customer_owner FROM "Customer" c
    WHERE c."tenantId" = OLD."tenantId" AND c."id" = OLD."customerId" AND c."deletedAt" IS NULL
    FOR SHARE;
    -- No live customer: it wasn't counted (or the customer's own delete already took it away).
    IF FOUND THEN
      PERFORM board_total_add(OLD."tenantId", OLD."stageId", OLD."currency", OLD."ownerId", customer_owner, -1, -OLD."amount");
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."deletedAt" IS NULL THEN
    SELECT c."ownerId" INTO customer_owner FROM "Customer" c
    WHERE c."tenantId" = NEW."tenantId" AND c."id" = NEW."customerId" AND c."deletedAt" IS NULL
    FOR SHARE;
    IF FOUND THEN
      PERFORM board_total_add(NEW."tenantId", NEW."stageId", NEW."currency", NEW."ownerId", customer_owner, 1, NEW."amount");
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Opportunity_board_total_insert_delete" AFTER INSERT OR DELETE ON "Opportunity"
  FOR EACH ROW EXECUTE FUNCTION board_total_opportunity();
-- Most updates (title, dates, probability, updatedAt) don't move a total.
CREATE TRIGGER "Opportunity_board_total_update" AFTER UPDATE ON "Opportunity"
  FOR EACH ROW
  WHEN (OLD."stageId" IS DISTINCT FROM NEW."stageId" OR OLD."currency" IS DISTINCT FROM NEW."currency"
     OR OLD."amount" IS DISTINCT FROM NEW."amount" OR OLD."ownerId" IS DISTINCT FROM NEW."ownerId"
     OR OLD."customerId" IS DISTINCT FROM NEW."customerId" OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt")
  EXECUTE FUNCTION board_total_opportunity();

-- A customer's owner or trash state moves all its live opportunities' contributions at once.
-- (sign -1 takes the customer's opportunities away under `customer_owner_id`, +1 adds them.)
CREATE FUNCTION board_total_customer_opportunities(tenant_id TEXT, customer_id TEXT, customer_owner_id TEXT, sign INTEGER)
RETURNS VOID LANGUAGE sql AS $$
  SELECT board_total_add(tenant_id, o."stageId", o."currency", o."ownerId", customer_owner_id, sign * count(*)::int, sign * sum(o."amount"))
  FROM "Opportunity" o
  WHERE o."tenantId" = tenant_id AND o."customerId" = customer_id AND o."deletedAt" IS NULL
  GROUP BY o."stageId", o."currency", o."ownerId"
$$;

CREATE FUNCTION board_total_customer() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."deletedAt" IS NULL THEN
    PERFORM board_total_customer_opportunities(OLD."tenantId", OLD."id", OLD."ownerId", -1);
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."deletedAt" IS NULL THEN
    PERFORM board_total_customer_opportunities(NEW."tenantId", NEW."id", NEW."ownerId", 1);
  END IF;
  -- A BEFORE trigger returning NULL would cancel the delete.
  IF TG_WHEN = 'BEFORE' THEN
    RETURN OLD;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Customer_board_total_update" AFTER UPDATE ON "Customer"
  FOR EACH ROW
  WHEN (OLD."ownerId" IS DISTINCT FROM NEW."ownerId" OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt")
  EXECUTE FUNCTION board_total_customer();
-- BEFORE: the cascade then deletes the opportunities, whose own trigger finds no customer and
-- takes nothing away twice.
CREATE TRIGGER "Customer_board_total_delete" BEFORE DELETE ON "Customer"
  FOR EACH ROW EXECUTE FUNCTION board_total_customer();

-- What is there already.
INSERT INTO "OpportunityStageTotal" ("tenantId", "stageId", "currency", "ownerId", "customerOwnerId", "count", "amount")
SELECT o."tenantId", o."stageId", o."currency", o."ownerId", c."ownerId", count(*)::int, sum(o."amount")
FROM "Opportunity" o
JOIN "Customer" c ON c."tenantId" = o."tenantId" AND c."id" = o."customerId" AND c."deletedAt" IS NULL
WHERE o."deletedAt" IS NULL
GROUP BY o."tenantId", o."stageId", o."currency", o."ownerId", c."ownerId";
