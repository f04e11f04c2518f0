-- The opportunity table and board (lib/dal/opportunities/list-opportunities.ts) read a page in the
-- order of one sort column and id, among the live rows; one partial index per sort lets that page
-- be an index range scan from the cursor on a workspace of any size (creation order already has
-- Opportunity_tenantId_createdAt_id_idx), and the board's columns (the most recently changed cards
-- of each stage) read (stage, updatedAt) the same way. Raw SQL: Prisma's schema language can't
-- express partial indexes.
CREATE INDEX "Opportunity_list_updatedAt_idx" ON "Opportunity" ("tenantId", "updatedAt", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "Opportunity_list_title_idx" ON "Opportunity" ("tenantId", "title", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "Opportunity_list_amount_idx" ON "Opportunity" ("tenantId", "amount", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "Opportunity_board_idx" ON "Opportunity" ("tenantId", "stageId", "updatedAt", "id") WHERE "deletedAt" IS NULL;
