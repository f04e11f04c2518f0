-- Dashboards on the home page (issue 15, item 11): each member's own choice of report cards, and
-- copies an Owner or Admin publishes to the workspace or to a role. Tenant-owned like every other
-- table: tenantId leads the key, and the member is referenced through (tenantId, userId).
CREATE TABLE "Dashboard" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "audience" TEXT,
    "cards" JSONB NOT NULL,
    "showingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dashboard_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE INDEX "Dashboard_tenantId_userId_idx" ON "Dashboard"("tenantId", "userId");
CREATE INDEX "Dashboard_tenantId_audience_idx" ON "Dashboard"("tenantId", "audience");

ALTER TABLE "Dashboard" ADD CONSTRAINT "Dashboard_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Dashboard" ADD CONSTRAINT "Dashboard_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
