-- Search in Chinese (and any script pg_trgm can't index here). pg_trgm builds trigrams from
-- "words" of characters the cluster's locale calls alphanumeric; the embedded cluster runs
-- --locale=C, where no CJK character is, so a search for 华兴 used no index at all. And a
-- two-character word (most Chinese names and terms are two or three characters) has no trigram
-- inside it even with a better locale. So every record also keeps the set of its character
-- pairs that contain a non-ASCII character, in a GIN-indexed array: a search needs every pair of
-- the query (`@>`), then LIKE on the text rechecks the order. The column is GENERATED, so no
-- write path can forget it; lib/dal/search/search-bigrams.ts computes the query's pairs the same
-- way (a test holds the two to each other).
--
-- Adding a stored generated column rewrites the table (ACCESS EXCLUSIVE while it runs): about
-- a minute for the benchmark workspace (100,000 customers, 300,000 contacts, 200,000 opportunities)
-- on the 2-core machine.

CREATE FUNCTION search_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT pair.c || pair.n), '{}')
  FROM (
    SELECT c, lead(c) OVER (ORDER BY i) AS n
    FROM unnest(string_to_array(t, NULL)) WITH ORDINALITY AS chars(c, i)
  ) AS pair
  WHERE pair.n IS NOT NULL AND (octet_length(pair.c) > 1 OR octet_length(pair.n) > 1)
$$;

-- searchText is lowercase already (lib/dal/customers/search-text.ts).
ALTER TABLE "Customer" ADD COLUMN "searchBigrams" TEXT[] NOT NULL GENERATED ALWAYS AS (search_bigrams("searchText")) STORED;
ALTER TABLE "Contact" ADD COLUMN "searchBigrams" TEXT[] NOT NULL GENERATED ALWAYS AS (search_bigrams("searchText")) STORED;
-- Titles are matched as lower(title), like their trigram index.
ALTER TABLE "Opportunity" ADD COLUMN "titleBigrams" TEXT[] NOT NULL GENERATED ALWAYS AS (search_bigrams(lower("title"))) STORED;

CREATE INDEX "Customer_searchBigrams_idx" ON "Customer" USING GIN ("searchBigrams");
CREATE INDEX "Contact_searchBigrams_idx" ON "Contact" USING GIN ("searchBigrams");
CREATE INDEX "Opportunity_titleBigrams_idx" ON "Opportunity" USING GIN ("titleBigrams");
