-- Password reset by SMS (issue 13, item 1): the workspace's switch (on by default) and the
-- requests, codes (HMAC, 5 minutes, 5 tries) and tickets of each reset.
ALTER TABLE "MfaPolicy" ADD COLUMN "allowSmsPasswordReset" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "SmsPasswordReset" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "userId" TEXT,
    "phone" TEXT,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "ticketHash" TEXT,
    "ticketExpiresAt" TIMESTAMP(3),
    "proofAt" TIMESTAMP(3),
    "proofKind" TEXT,
    "proofAttempts" INTEGER NOT NULL DEFAULT 0,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,

    CONSTRAINT "SmsPasswordReset_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE UNIQUE INDEX "SmsPasswordReset_ticketHash_key" ON "SmsPasswordReset"("ticketHash");
CREATE INDEX "SmsPasswordReset_tenantId_usernameKey_createdAt_idx" ON "SmsPasswordReset"("tenantId", "usernameKey", "createdAt");
CREATE INDEX "SmsPasswordReset_tenantId_userId_idx" ON "SmsPasswordReset"("tenantId", "userId");

ALTER TABLE "SmsPasswordReset" ADD CONSTRAINT "SmsPasswordReset_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SmsPasswordReset" ADD CONSTRAINT "SmsPasswordReset_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
