-- Company single sign-on (issue 14): each workspace's identity providers, the identities linked
-- to its members (@auth/prisma-adapter's Account, keyed by workspace), and the single-use tickets
-- that carry a finished provider sign-in over to the app's own session.
CREATE TYPE "SsoKind" AS ENUM ('OIDC', 'GOOGLE', 'ENTRA');

CREATE TABLE "SsoConnection" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "SsoKind" NOT NULL,
    "displayName" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "providerTenant" TEXT,
    "clientId" TEXT NOT NULL,
    "clientSecretSealed" TEXT NOT NULL,
    "allowedDomains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "jitProvisioning" BOOLEAN NOT NULL DEFAULT false,
    "jitRole" "Role" NOT NULL DEFAULT 'SALES_REP',
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "testedAt" TIMESTAMP(3),
    "trustIdpMfa" BOOLEAN NOT NULL DEFAULT false,
    "ssoRequired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SsoConnection_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE UNIQUE INDEX "SsoConnection_id_key" ON "SsoConnection"("id");

CREATE TABLE "Account" (
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "Account_pkey" PRIMARY KEY ("tenantId","provider","providerAccountId")
);

CREATE INDEX "Account_tenantId_userId_idx" ON "Account"("tenantId", "userId");

CREATE TABLE "SsoTicket" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "userId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "claims" JSONB NOT NULL DEFAULT '{}',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoTicket_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE UNIQUE INDEX "SsoTicket_tokenHash_key" ON "SsoTicket"("tokenHash");
CREATE INDEX "SsoTicket_expiresAt_idx" ON "SsoTicket"("expiresAt");

ALTER TABLE "SsoConnection" ADD CONSTRAINT "SsoConnection_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Account" ADD CONSTRAINT "Account_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Account" ADD CONSTRAINT "Account_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Account" ADD CONSTRAINT "Account_tenantId_connectionId_fkey" FOREIGN KEY ("tenantId", "connectionId") REFERENCES "SsoConnection"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoTicket" ADD CONSTRAINT "SsoTicket_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoTicket" ADD CONSTRAINT "SsoTicket_tenantId_connectionId_fkey" FOREIGN KEY ("tenantId", "connectionId") REFERENCES "SsoConnection"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoTicket" ADD CONSTRAINT "SsoTicket_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
