-- The board's column totals in one reporting currency (issue 15 item 9): the workspace's
-- reporting currency (null: its default currency) and the exchange rates an admin keeps.
ALTER TABLE "Tenant" ADD COLUMN "reportingCurrency" TEXT;

-- CreateTable
CREATE TABLE "ExchangeRate" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "baseCurrency" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "rate" DECIMAL(24,10) NOT NULL,
    "rateDate" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeRate_pkey" PRIMARY KEY ("tenantId","id"),
    -- A rate converts into another currency and is never zero or negative (the DAL checks too).
    CONSTRAINT "ExchangeRate_rate_positive" CHECK ("rate" > 0 AND "currency" <> "baseCurrency")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeRate_tenantId_baseCurrency_currency_key" ON "ExchangeRate"("tenantId", "baseCurrency", "currency");

-- AddForeignKey
ALTER TABLE "ExchangeRate" ADD CONSTRAINT "ExchangeRate_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
