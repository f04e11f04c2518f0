-- Sort by any column header (issue 15, item 1). The lists page by keyset on (sort key, id), so
-- each sortable column gets a partial index in that shape, like the existing sorts
-- (20261129070000_opportunity_lists, 20261129090000_search_by_name): the first page and page 1,000
-- are both a short index range scan from the cursor, never a sort of every live row.
-- NULLs (no phone, no location, no expected close date) sit at the index's end, which is where the
-- lists put them: last ascending, first descending (a backward scan).
CREATE INDEX "Customer_list_status_idx" ON "Customer" ("tenantId", "status", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "Customer_list_phone_idx" ON "Customer" ("tenantId", "phone", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "Customer_list_city_idx" ON "Customer" ("tenantId", "city", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "Opportunity_list_probability_idx" ON "Opportunity" ("tenantId", "probability", "id") WHERE "deletedAt" IS NULL;
CREATE INDEX "Opportunity_list_close_date_idx" ON "Opportunity" ("tenantId", "expectedCloseDate", "id") WHERE "deletedAt" IS NULL;
