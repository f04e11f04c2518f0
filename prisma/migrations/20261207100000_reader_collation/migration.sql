-- Names in the reader's language (issue 11, item 16). The cluster runs --locale=C, so names sorted
-- by byte: every Chinese name after "Z", "éclair" after "zebra", and lower() left "É" as it was,
-- so a search for "éclair" missed the opportunity "Éclair".
--
-- The names people sort and search by now compare under ICU's root collation (und-x-icu): accents
-- sort beside their letter, case is a tie-breaker, Chinese comes after Latin, and lower() lowers
-- every script (search goes further and ignores accents: search_fold below). That is the English reader's order, and every existing query and index on these
-- columns (the trigram index on lower(title), the name indexes) follows it without a change.
-- A Chinese reader's order is pinyin (zh-x-icu, which puts Han before Latin): the opportunity
-- list sorts by `title COLLATE "zh-x-icu"` through its own index, and the customer list, which
-- Prisma pages, by a generated copy of the name that carries that collation (Prisma can't write
-- COLLATE). Both collations are deterministic, so equality and LIKE behave as before.
--
-- ALTER COLUMN ... COLLATE doesn't rewrite the table, but it rebuilds the column's indexes; the
-- generated columns do rewrite theirs. lib/dal/search/reader-collation.test.ts holds the orders.
--
-- Measured with EXPLAIN ANALYZE on 5,000 customers and 5,000 opportunities (a quarter Chinese
-- names, a quarter accented): the first page by name for a Chinese reader is an index scan of
-- Customer_search_by_name_pinyin_idx (0.3 ms), the page after a cursor starts at the cursor
-- (0.1 ms); for an English reader an index-only scan of Customer_search_by_name_idx (0.4 ms);
-- titles in pinyin walk Opportunity_list_title_pinyin_idx; a rare "eclair 1513" reads the trigram
-- index on search_fold(title) (0.15 ms after VACUUM), Chinese titles their pair index.

-- Search ignores accents as well as case: "eclair" finds "Éclair". search_fold() lowercases
-- under ICU and drops the combining accents of Latin, Greek and Cyrillic (U+0300–U+036F), exactly
-- as foldForSearch() in lib/dal/search/text-match.ts does for the query and for searchText.
CREATE FUNCTION search_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT normalize(regexp_replace(normalize(lower(t COLLATE "und-x-icu"), NFD), '[\u0300-\u036f]', '', 'g'), NFC)
$$;

-- searchText was only lowercased; fold what is stored so old records match like new ones.
UPDATE "Customer" SET "searchText" = search_fold("searchText") WHERE "searchText" <> search_fold("searchText");
UPDATE "Contact" SET "searchText" = search_fold("searchText") WHERE "searchText" <> search_fold("searchText");

-- titleBigrams is generated from lower(title): it must go while the column changes, and comes
-- back computed from the folded title, like the trigram index the title is matched through.
DROP INDEX "Opportunity_titleBigrams_idx";
DROP INDEX "Opportunity_title_trgm_idx";
ALTER TABLE "Opportunity" DROP COLUMN "titleBigrams";
ALTER TABLE "Opportunity" ALTER COLUMN "title" TYPE TEXT COLLATE "und-x-icu";
ALTER TABLE "Opportunity" ADD COLUMN "titleBigrams" TEXT[] NOT NULL GENERATED ALWAYS AS (search_bigrams(search_fold("title"))) STORED;
CREATE INDEX "Opportunity_titleBigrams_idx" ON "Opportunity" USING GIN ("titleBigrams");
CREATE INDEX "Opportunity_title_trgm_idx" ON "Opportunity" USING GIN (search_fold("title") gin_trgm_ops);
CREATE INDEX "Opportunity_list_title_pinyin_idx" ON "Opportunity" ("tenantId", "title" COLLATE "zh-x-icu", "id") WHERE "deletedAt" IS NULL;

ALTER TABLE "Customer" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
ALTER TABLE "Customer" ADD COLUMN "namePinyin" TEXT COLLATE "zh-x-icu" NOT NULL GENERATED ALWAYS AS ("name" COLLATE "zh-x-icu") STORED;
-- The same three ways the list reads customers by name (20261129090000_search_by_name and the
-- owner and status filters), in pinyin order.
CREATE INDEX "Customer_search_by_name_pinyin_idx" ON "Customer" ("tenantId", "namePinyin", "id") INCLUDE ("searchText", "city", "ownerId") WHERE "deletedAt" IS NULL;
CREATE INDEX "Customer_tenantId_ownerId_namePinyin_id_idx" ON "Customer" ("tenantId", "ownerId", "namePinyin", "id");
CREATE INDEX "Customer_tenantId_status_namePinyin_id_idx" ON "Customer" ("tenantId", "status", "namePinyin", "id");

ALTER TABLE "Contact" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";
ALTER TABLE "User" ALTER COLUMN "name" TYPE TEXT COLLATE "und-x-icu";

-- Ctrl/Cmd+K's contacts by name for a Chinese reader, like Contact_search_by_name_idx for others.
CREATE INDEX "Contact_search_by_name_pinyin_idx" ON "Contact" ("tenantId", "name" COLLATE "zh-x-icu", "id") INCLUDE ("searchText", "email", "customerId") WHERE "deletedAt" IS NULL;
