-- Board totals for writes that change many rows in one statement (a transfer of a member's
-- records, a bulk owner or trash change): the UPDATE triggers on "Customer" and "Opportunity" were
-- FOR EACH ROW, so a transfer of 10,000 customers ran 20,000 per-customer queries and upserts and
-- outlasted its transaction's 15 s limit. They are statement-level now, with transition tables,
-- like the report rollups' triggers: one pass computes the deltas of every changed row, grouped by
-- key, and applies them in one UPDATE and one ordered upsert. (INSERT and DELETE stay per row: the
-- DAL creates and hard-deletes opportunities one at a time, and the customer's BEFORE DELETE must
-- still run while its opportunities exist.)
--
-- Concurrency is as before (see 20261129080000_board_totals): the UPDATE itself holds the changed
-- rows' locks until commit, and the opportunity trigger locks the customers it reads FOR SHARE,
-- in key order, before reading their owners.

-- Applies grouped deltas: decrements (and n = 0, an amount that changed) UPDATE the rows that
-- counted them, increments upsert in key order.
CREATE FUNCTION board_total_apply(deltas JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS (
    SELECT x."tenantId", x."stageId", x."currency", x."ownerId", x."customerOwnerId", x."n", x."amount"
    FROM jsonb_to_recordset(deltas) AS x("tenantId" TEXT, "stageId" TEXT, "currency" TEXT, "ownerId" TEXT, "customerOwnerId" TEXT, "n" INTEGER, "amount" NUMERIC)
  ),
  decremented AS (
    UPDATE "OpportunityStageTotal" t SET "count" = t."count" + d."n", "amount" = t."amount" + d."amount"
    FROM d
    WHERE d."n" <= 0 AND t."tenantId" = d."tenantId" AND t."stageId" = d."stageId" AND t."currency" = d."currency"
      AND t."ownerId" = d."ownerId" AND t."customerOwnerId" = d."customerOwnerId"
  )
  INSERT INTO "OpportunityStageTotal" AS t ("tenantId", "stageId", "currency", "ownerId", "customerOwnerId", "count", "amount")
  SELECT d."tenantId", d."stageId", d."currency", d."ownerId", d."customerOwnerId", d."n", d."amount" FROM d
  WHERE d."n" > 0 AND EXISTS (SELECT 1 FROM "Tenant" w WHERE w."id" = d."tenantId")
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "stageId", "currency", "ownerId", "customerOwnerId")
  DO UPDATE SET "count" = t."count" + EXCLUDED."count", "amount" = t."amount" + EXCLUDED."amount";
END $$;

-- Customers whose owner or trash state changed: their live opportunities' contributions leave the
-- old customer owner's key (when the customer was live) and join the new one's (when it is live).
CREATE FUNCTION board_total_customers_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT op."tenantId", op."stageId", op."currency", op."ownerId", side."customerOwnerId",
           sum(side.sign)::int AS "n", sum(side.sign * op."amount") AS "amount"
    FROM before_update o
    JOIN after_update n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
    CROSS JOIN LATERAL (
      SELECT o."ownerId" AS "customerOwnerId", -1 AS sign WHERE o."deletedAt" IS NULL
      UNION ALL
      SELECT n."ownerId", 1 WHERE n."deletedAt" IS NULL
    ) side
    JOIN "Opportunity" op ON op."tenantId" = n."tenantId" AND op."customerId" = n."id" AND op."deletedAt" IS NULL
    WHERE o."ownerId" IS DISTINCT FROM n."ownerId" OR o."deletedAt" IS DISTINCT FROM n."deletedAt"
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(side.sign) <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM board_total_apply(deltas); END IF;
  RETURN NULL;
END $$;

-- Opportunities whose stage, currency, amount, owner, customer or trash state changed: each leaves
-- the key it counted under (if it was live on a live customer) and joins its new one.
CREATE FUNCTION board_total_opportunities_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  PERFORM 1 FROM "Customer" c
  WHERE (c."tenantId", c."id") IN (
    SELECT o."tenantId", o."customerId" FROM before_update o
    UNION SELECT n."tenantId", n."customerId" FROM after_update n)
  ORDER BY c."tenantId", c."id"
  FOR SHARE OF c;
  SELECT jsonb_agg(g) INTO deltas FROM (
    SELECT side."tenantId", side."stageId", side."currency", side."ownerId", c."ownerId" AS "customerOwnerId",
           sum(side.sign)::int AS "n", sum(side.sign * side."amount") AS "amount"
    FROM before_update o
    JOIN after_update n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
    CROSS JOIN LATERAL (
      SELECT o."tenantId", o."stageId", o."currency", o."ownerId", o."customerId", o."amount", -1 AS sign WHERE o."deletedAt" IS NULL
      UNION ALL
      SELECT n."tenantId", n."stageId", n."currency", n."ownerId", n."customerId", n."amount", 1 WHERE n."deletedAt" IS NULL
    ) side
    JOIN "Customer" c ON c."tenantId" = side."tenantId" AND c."id" = side."customerId" AND c."deletedAt" IS NULL
    WHERE (o."stageId", o."currency", o."amount", o."ownerId", o."customerId", o."deletedAt")
          IS DISTINCT FROM (n."stageId", n."currency", n."amount", n."ownerId", n."customerId", n."deletedAt")
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(side.sign) <> 0 OR sum(side.sign * side."amount") <> 0
  ) g;
  IF deltas IS NOT NULL THEN PERFORM board_total_apply(deltas); END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "Customer_board_total_update" ON "Customer";
CREATE TRIGGER "Customer_board_total_update" AFTER UPDATE ON "Customer"
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
  FOR EACH STATEMENT EXECUTE FUNCTION board_total_customers_updated();

DROP TRIGGER "Opportunity_board_total_update" ON "Opportunity";
CREATE TRIGGER "Opportunity_board_total_update" AFTER UPDATE ON "Opportunity"
  REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
  FOR EACH STATEMENT EXECUTE FUNCTION board_total_opportunities_updated();

-- The CJK bigrams of a search text (20261129050000_cjk_search) are recomputed with every UPDATE of
-- the row, whatever it changes, and the SQL that splits the text into characters costs more than
-- the rest of the row's update. Text with no multi-byte character has no such bigram (each pair
-- needs one): answer that case without splitting. Same result for every input.
CREATE OR REPLACE FUNCTION search_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE WHEN octet_length(t) = length(t) THEN '{}'::text[] ELSE (
    SELECT coalesce(array_agg(DISTINCT pair.c || pair.n), '{}')
    FROM (
      SELECT c, lead(c) OVER (ORDER BY i) AS n
      FROM unnest(string_to_array(t, NULL)) WITH ORDINALITY AS chars(c, i)
    ) AS pair
    WHERE pair.n IS NOT NULL AND (octet_length(pair.c) > 1 OR octet_length(pair.n) > 1)
  ) END
$$;
