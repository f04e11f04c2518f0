-- Issue 11, items 8 and 9.

-- Employee numbers keep the case they were typed in ("E2001" stays "E2001") and are still one
-- username whatever the case: a generated lowercase key carries the uniqueness and the sign-in,
-- reset and emailed-link look-ups. Numbers stored lowercased before this stay valid as they are.
ALTER TABLE "User" DROP CONSTRAINT "User_employeeNumber_lowercase";
DROP INDEX "User_tenantId_employeeNumber_key";
ALTER TABLE "User" ADD COLUMN "employeeNumberKey" TEXT GENERATED ALWAYS AS (lower("employeeNumber")) STORED;
CREATE UNIQUE INDEX "User_tenantId_employeeNumberKey_key" ON "User"("tenantId", "employeeNumberKey");
ALTER TABLE "Invitation" ADD COLUMN "employeeNumberKey" TEXT GENERATED ALWAYS AS (lower("employeeNumber")) STORED;

-- The setup checklist on a new workspace's home. Each Owner or Admin hides it for themselves;
-- two of its steps are workspace decisions that leave no other trace when the defaults are kept.
ALTER TABLE "User" ADD COLUMN "checklistHiddenAt" TIMESTAMP(3);
ALTER TABLE "Tenant" ADD COLUMN "pipelineStagesSetAt" TIMESTAMP(3);
ALTER TABLE "Tenant" ADD COLUMN "securityPolicySetAt" TIMESTAMP(3);

-- Workspaces that already edited their stages or saved their policy have done those steps.
UPDATE "Tenant" t SET "pipelineStagesSetAt" = (
  SELECT min(a."createdAt") FROM "AuditEvent" a
  WHERE a."tenantId" = t."id" AND a."type" = 'crm.settings_changed' AND a."data" ? 'stage'
);
UPDATE "Tenant" t SET "securityPolicySetAt" = (
  SELECT min(a."createdAt") FROM "AuditEvent" a WHERE a."tenantId" = t."id" AND a."type" = 'policy.changed'
);
