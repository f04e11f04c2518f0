-- Reports (issue 6): covering, partial indexes so each report aggregates from an index-only scan
-- of the live rows (deletedAt IS NULL) instead of reading the wide CRM rows from the heap. They
-- hold exactly the columns the report queries in lib/dal/reports read. Raw SQL: Prisma's schema
-- language can't express INCLUDE or partial indexes (like the trigram indexes before them).

-- Pipeline by stage, forecast, won/lost, win rate, days to won, the funnel's cohort, the home figures.
CREATE INDEX "Opportunity_report_idx" ON "Opportunity" ("tenantId", "stageId")
  INCLUDE ("currency", "amount", "probability", "ownerId", "customerId", "expectedCloseDate", "closedAt", "createdAt")
  WHERE "deletedAt" IS NULL;

-- The funnel: every stage an opportunity stood at.
CREATE INDEX "OpportunityStageChange_report_idx" ON "OpportunityStageChange" ("tenantId", "opportunityId") INCLUDE ("toStageId");

-- Activities per owner per week, by type.
CREATE INDEX "Activity_report_idx" ON "Activity" ("tenantId", "occurredAt")
  INCLUDE ("ownerId", "type", "customerId")
  WHERE "deletedAt" IS NULL;

-- New customers per month, by source.
CREATE INDEX "Customer_report_idx" ON "Customer" ("tenantId", "createdAt")
  INCLUDE ("source", "ownerId")
  WHERE "deletedAt" IS NULL;
