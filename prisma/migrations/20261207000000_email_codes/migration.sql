-- Codes by email as a second factor (issue 13): the workspace's switch, the members who turned it
-- on, and the codes themselves (HMAC, 10 minutes, 5 tries, single use).
ALTER TABLE "MfaPolicy" ADD COLUMN "allowEmailCode" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "EmailCodeFactor" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "enabledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailCodeFactor_pkey" PRIMARY KEY ("tenantId","userId")
);

CREATE TABLE "EmailCode" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailCode_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE INDEX "EmailCode_tenantId_userId_createdAt_idx" ON "EmailCode"("tenantId", "userId", "createdAt");

ALTER TABLE "EmailCodeFactor" ADD CONSTRAINT "EmailCodeFactor_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "EmailCodeFactor" ADD CONSTRAINT "EmailCodeFactor_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "EmailCode" ADD CONSTRAINT "EmailCode_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "EmailCode" ADD CONSTRAINT "EmailCode_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
