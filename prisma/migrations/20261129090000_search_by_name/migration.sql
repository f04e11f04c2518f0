-- Searches that list matches by name (the customer list, Ctrl/Cmd+K) walk the name index until a
-- page of rows matches. For a common term that is a few rows; for a term whose matches cluster
-- late in the alphabet ("wang" among contacts, "pacific" among customers) it is tens of thousands,
-- and each one meant reading its table row to check searchText: 15,000 random heap reads, 0.4-1.6 s
-- on the benchmark workspace. These indexes carry searchText (and the columns those queries show)
-- beside the name, so the walk is an index-only scan over dense index pages. They are partial,
-- like every such query (deletedAt IS NULL), and replace the plain name indexes.
DROP INDEX "Customer_tenantId_name_id_idx";
DROP INDEX "Contact_tenantId_name_id_idx";
CREATE INDEX "Customer_search_by_name_idx" ON "Customer" ("tenantId", "name", "id") INCLUDE ("searchText", "city", "ownerId") WHERE "deletedAt" IS NULL;
CREATE INDEX "Contact_search_by_name_idx" ON "Contact" ("tenantId", "name", "id") INCLUDE ("searchText", "email", "customerId") WHERE "deletedAt" IS NULL;
