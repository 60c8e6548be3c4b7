-- Issue 24 (balances): the overtime account's start and the vacation entitlement per user, the
-- organisation's carry-over expiry, and the corrections and payouts of the overtime account.

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "vacationCarryOverUntil" TEXT;
ALTER TABLE "User" ADD COLUMN "balanceStartMonth" TEXT,
ADD COLUMN "balanceOpeningMinutes" INTEGER,
ADD COLUMN "vacationDaysPerYear" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "BalanceCorrection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BalanceCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BalanceCorrection_organizationId_userId_month_idx" ON "BalanceCorrection"("organizationId", "userId", "month");
CREATE INDEX "BalanceCorrection_organizationId_month_idx" ON "BalanceCorrection"("organizationId", "month");

-- AddForeignKey
ALTER TABLE "BalanceCorrection" ADD CONSTRAINT "BalanceCorrection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BalanceCorrection" ADD CONSTRAINT "BalanceCorrection_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BalanceCorrection" ADD CONSTRAINT "BalanceCorrection_organizationId_createdById_fkey" FOREIGN KEY ("organizationId", "createdById") REFERENCES "User"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants schema.prisma cannot express (listed in schema-drift.test.ts).
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_vacationCarryOverUntil_check" CHECK ("vacationCarryOverUntil" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$');
ALTER TABLE "User" ADD CONSTRAINT "User_balanceStart_check" CHECK (
  ("balanceStartMonth" IS NULL AND "balanceOpeningMinutes" IS NULL)
  OR ("balanceStartMonth" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND "balanceOpeningMinutes" IS NOT NULL)
);
ALTER TABLE "User" ADD CONSTRAINT "User_vacationDaysPerYear_check" CHECK (
  "vacationDaysPerYear" >= 0 AND "vacationDaysPerYear" <= 366 AND "vacationDaysPerYear" * 2 = floor("vacationDaysPerYear" * 2)
);
ALTER TABLE "BalanceCorrection" ADD CONSTRAINT "BalanceCorrection_month_check" CHECK ("month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "BalanceCorrection" ADD CONSTRAINT "BalanceCorrection_note_check" CHECK ("note" = btrim("note") AND char_length("note") BETWEEN 1 AND 500);
