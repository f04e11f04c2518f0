-- Saved views of the customer and opportunity lists (issue 15, item 2): a name and the list's
-- query string, personal or shared with the workspace. Tenant-owned like every other table:
-- tenantId leads the key, and the creator is referenced through (tenantId, userId).
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE UNIQUE INDEX "SavedView_tenantId_userId_list_nameKey_key" ON "SavedView"("tenantId", "userId", "list", "nameKey");
CREATE INDEX "SavedView_tenantId_list_shared_idx" ON "SavedView"("tenantId", "list", "shared");

ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
