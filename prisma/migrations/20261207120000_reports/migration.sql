-- Issue 22: billing rates and shared reports.
ALTER TABLE "Customer" ADD COLUMN "hourlyRate" INTEGER;
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_hourlyRate_check" CHECK ("hourlyRate" IS NULL OR "hourlyRate" >= 0);

CREATE TABLE "ReportShare" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportShare_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ReportShare_tokenHash_key" ON "ReportShare"("tokenHash");
CREATE INDEX "ReportShare_organizationId_createdById_idx" ON "ReportShare"("organizationId", "createdById");
ALTER TABLE "ReportShare" ADD CONSTRAINT "ReportShare_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReportShare" ADD CONSTRAINT "ReportShare_organizationId_createdById_fkey" FOREIGN KEY ("organizationId", "createdById") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
