-- Each workspace's default country for phone numbers typed without "+" (issue 11, item 15). New
-- workspaces get it from the language they sign up in (lib/phone-countries.ts); existing ones from
-- their Owner's language, the closest thing to it that was stored: Chinese → CN, otherwise US.
ALTER TABLE "Tenant" ADD COLUMN "defaultCountry" TEXT NOT NULL DEFAULT 'US';

UPDATE "Tenant" AS t SET "defaultCountry" = 'CN'
WHERE EXISTS (
  SELECT 1 FROM "User" AS u
  WHERE u."tenantId" = t."id" AND u."role" = 'OWNER' AND u."locale" = 'zh-CN'
);
