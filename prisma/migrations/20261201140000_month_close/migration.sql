-- Closing a month for payroll (submit, approve, reopen, with an audit trail), public holidays
-- per organisation, and absences (kinds per organisation, requests per user).

-- CreateEnum
CREATE TYPE "MonthStatus" AS ENUM ('OPEN', 'SUBMITTED', 'APPROVED', 'REOPENED');
CREATE TYPE "MonthAction" AS ENUM ('SUBMIT', 'APPROVE', 'REOPEN');
CREATE TYPE "AbsenceStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "holidayCountry" TEXT,
ADD COLUMN "holidayRegion" TEXT,
ADD COLUMN "holidaySharePercent" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "MonthClose" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" "MonthStatus" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "MonthClose_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MonthEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "action" "MonthAction" NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,
    CONSTRAINT "MonthEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AbsenceKind" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "creditPercent" INTEGER NOT NULL DEFAULT 100,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AbsenceKind_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Absence" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kindId" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "AbsenceStatus" NOT NULL DEFAULT 'REQUESTED',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MonthClose_organizationId_userId_month_key" ON "MonthClose"("organizationId", "userId", "month");
CREATE INDEX "MonthClose_organizationId_month_idx" ON "MonthClose"("organizationId", "month");
CREATE INDEX "MonthEvent_organizationId_month_userId_at_idx" ON "MonthEvent"("organizationId", "month", "userId", "at");
CREATE UNIQUE INDEX "AbsenceKind_organizationId_id_key" ON "AbsenceKind"("organizationId", "id");
CREATE INDEX "AbsenceKind_organizationId_archived_idx" ON "AbsenceKind"("organizationId", "archived");
CREATE INDEX "Absence_organizationId_startDate_idx" ON "Absence"("organizationId", "startDate");
CREATE INDEX "Absence_userId_startDate_idx" ON "Absence"("userId", "startDate");

-- AddForeignKey
ALTER TABLE "MonthClose" ADD CONSTRAINT "MonthClose_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MonthClose" ADD CONSTRAINT "MonthClose_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MonthEvent" ADD CONSTRAINT "MonthEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MonthEvent" ADD CONSTRAINT "MonthEvent_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MonthEvent" ADD CONSTRAINT "MonthEvent_organizationId_actorId_fkey" FOREIGN KEY ("organizationId", "actorId") REFERENCES "User"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AbsenceKind" ADD CONSTRAINT "AbsenceKind_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_organizationId_kindId_fkey" FOREIGN KEY ("organizationId", "kindId") REFERENCES "AbsenceKind"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invariants schema.prisma cannot express (listed in schema-drift.test.ts).
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_holidaySharePercent_check" CHECK ("holidaySharePercent" BETWEEN 0 AND 100);
ALTER TABLE "AbsenceKind" ADD CONSTRAINT "AbsenceKind_creditPercent_check" CHECK ("creditPercent" BETWEEN 0 AND 100);
ALTER TABLE "AbsenceKind" ADD CONSTRAINT "AbsenceKind_name_check" CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 60);
CREATE UNIQUE INDEX "AbsenceKind_organizationId_lower_name_key" ON "AbsenceKind"("organizationId", lower(name));
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_dates_check" CHECK ("endDate" >= "startDate");

-- Existing organisations start with the default absence kinds (new ones get them at setup).
INSERT INTO "AbsenceKind" ("id", "organizationId", "name", "creditPercent")
SELECT gen_random_uuid()::text, o."id", k.name, k.credit
FROM "Organization" o
CROSS JOIN (VALUES ('Vacation', 100), ('Sick leave', 100), ('Unpaid leave', 0)) AS k(name, credit);
