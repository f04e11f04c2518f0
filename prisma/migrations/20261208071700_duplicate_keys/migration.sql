-- Probable duplicates (issue 15, item 7). "Globex Corp" with https://www.globex.com was saved
-- beside "Globex Corporation" with globex.com because only an exact name or phone matched. Each
-- customer now keeps its matching keys, computed by the database itself (generated columns), so
-- every writer (the forms, the CSV import, bulk changes) keeps them right without knowing they
-- exist, and the existing rows are backfilled by the ALTER TABLE that adds them.
--
--   nameKey        the name folded (case and accents, search_fold), punctuation to one space,
--                  trailing legal suffixes dropped: "Globex Corp." and "GLOBEX Corporation" are
--                  both "globex"; "华兴科技有限公司" is "华兴科技".
--   websiteDomain  the website's host without scheme, user, port, path or "www.".
--   Contact.emailDomain  the part after "@" of a contact's email.
-- Both domains are NULL for free-mail providers (gmail.com, qq.com, 163.com, …): two customers
-- whose contacts use Gmail are not the same company.
--
-- Name similarity uses pg_trgm (installed by 20261129020000_mfa_and_crm) on nameKey through a
-- GIN index. pg_trgm sees no words in Chinese under the cluster's C locale, so Chinese names
-- match on the exact key only.

-- Free-mail and consumer providers: their domain says nothing about the company.
CREATE FUNCTION company_domain(host text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN host = '' OR position('.' IN host) = 0 THEN NULL
    WHEN host IN (
      'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.co.jp', 'ymail.com', 'hotmail.com',
      'hotmail.co.uk', 'outlook.com', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com',
      'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.ru',
      'yandex.com', 'mail.ru', 'zoho.com', 'fastmail.com', 'hey.com', 'naver.com', 'hanmail.net',
      'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com',
      'aliyun.com', '139.com', '189.cn', 'wo.cn', 'tom.com', '21cn.com'
    ) THEN NULL
    ELSE host
  END
$$;

-- "https://user@WWW.Globex.com:8443/about?x#y" → "globex.com".
CREATE FUNCTION web_domain(url text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT company_domain(
    regexp_replace(
      regexp_replace(
        regexp_replace(regexp_replace(lower(btrim(url)), '^[a-z][a-z0-9+.-]*://', ''), '^[^/?#@]*@', ''),
        '[/?#:].*$', ''),
      '^www[0-9]*\.|\.$', '', 'g')
  )
$$;

CREATE FUNCTION email_domain(email text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT company_domain(regexp_replace(lower(btrim(substring(email FROM position('@' IN email) + 1))), '\.$', ''))
  WHERE position('@' IN email) > 0
$$;

-- Legal forms at the end of a name, in Latin script after a space, in Chinese without one; a name
-- that is nothing but a legal form ("Inc.") keeps its words.
CREATE FUNCTION company_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  WITH spaced AS (
    -- Dots and apostrophes join ("S.A.S." is "sas", "O'Brien" "obrien"); any other character that
    -- is not a letter or digit separates words. Under ICU, [:alnum:] is every script's letters and
    -- digits, so Chinese stays.
    SELECT btrim(regexp_replace(regexp_replace(search_fold(name) COLLATE "und-x-icu", '[.''’]', '', 'g'), '[^[:alnum:]]+', ' ', 'g')) AS words
  ), stripped AS (
    SELECT btrim(regexp_replace(
      regexp_replace(words, '(股份有限公司|有限责任公司|有限公司|集团|公司)+$', ''),
      '( (inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|lp|gmbh|ag|kg|sa|sas|sarl|srl|spa|bv|nv|pty|plc|oy|ab|as|kk|pte|group))+$',
      '')) AS key, words
    FROM spaced
  )
  SELECT CASE WHEN key = '' THEN words ELSE key END FROM stripped
$$;

ALTER TABLE "Customer" ADD COLUMN "nameKey" TEXT NOT NULL GENERATED ALWAYS AS (company_name_key("name")) STORED;
ALTER TABLE "Customer" ADD COLUMN "websiteDomain" TEXT GENERATED ALWAYS AS (web_domain("website")) STORED;
ALTER TABLE "Contact" ADD COLUMN "emailDomain" TEXT GENERATED ALWAYS AS (email_domain("email")) STORED;

-- What findProbableDuplicates asks, each through an index (records in the trash never match).
CREATE INDEX "Customer_duplicate_nameKey_idx" ON "Customer" ("tenantId", "nameKey") WHERE "deletedAt" IS NULL;
CREATE INDEX "Customer_duplicate_nameKey_trgm_idx" ON "Customer" USING GIN ("nameKey" gin_trgm_ops) WHERE "deletedAt" IS NULL;
CREATE INDEX "Customer_duplicate_websiteDomain_idx" ON "Customer" ("tenantId", "websiteDomain") WHERE "deletedAt" IS NULL AND "websiteDomain" IS NOT NULL;
CREATE INDEX "Customer_duplicate_phone_idx" ON "Customer" ("tenantId", "phone") WHERE "deletedAt" IS NULL AND "phone" IS NOT NULL;
CREATE INDEX "Contact_duplicate_emailDomain_idx" ON "Contact" ("tenantId", "emailDomain") WHERE "deletedAt" IS NULL AND "emailDomain" IS NOT NULL;
CREATE INDEX "Contact_duplicate_phone_idx" ON "Contact" ("tenantId", "phone") WHERE "deletedAt" IS NULL AND "phone" IS NOT NULL;
CREATE INDEX "Contact_duplicate_mobile_idx" ON "Contact" ("tenantId", "mobile") WHERE "deletedAt" IS NULL AND "mobile" IS NOT NULL;

-- A customer merged into another goes to the trash pointing at the one it was merged into, so the
-- trash, the audit log and an old link can say where its records went.
ALTER TABLE "Customer" ADD COLUMN "mergedIntoId" TEXT;
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_mergedInto_fkey" FOREIGN KEY ("tenantId", "mergedIntoId") REFERENCES "Customer"("tenantId", "id") ON DELETE SET NULL ("mergedIntoId") ON UPDATE CASCADE;
