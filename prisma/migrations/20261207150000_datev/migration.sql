-- Issue 24 (DATEV part): payroll settings per organisation, a personnel number per user and the
-- payroll type of an absence kind, for GET /api/exports/payroll/datev-lodas.txt.

-- CreateEnum
CREATE TYPE "AbsencePayrollType" AS ENUM ('NONE', 'VACATION', 'SICK');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "datevConsultantNumber" TEXT,
ADD COLUMN "datevClientNumber" TEXT,
ADD COLUMN "datevWageTypeWorked" TEXT,
ADD COLUMN "datevWageTypeOvertime" TEXT,
ADD COLUMN "datevWageTypeVacation" TEXT,
ADD COLUMN "datevWageTypeSick" TEXT;
ALTER TABLE "User" ADD COLUMN "personnelNumber" TEXT;
ALTER TABLE "AbsenceKind" ADD COLUMN "payrollType" "AbsencePayrollType" NOT NULL DEFAULT 'NONE';

-- CreateIndex
CREATE UNIQUE INDEX "User_organizationId_personnelNumber_key" ON "User"("organizationId", "personnelNumber");

-- Invariants schema.prisma cannot express (listed in schema-drift.test.ts): the numbers DATEV
-- accepts, digits without a leading zero (a number, not a code with padding).
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_datevConsultantNumber_check" CHECK ("datevConsultantNumber" ~ '^[1-9][0-9]{3,6}$');
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_datevClientNumber_check" CHECK ("datevClientNumber" ~ '^[1-9][0-9]{0,4}$');
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_datevWageTypes_check" CHECK (
  "datevWageTypeWorked" ~ '^[1-9][0-9]{0,3}$' AND "datevWageTypeOvertime" ~ '^[1-9][0-9]{0,3}$'
  AND "datevWageTypeVacation" ~ '^[1-9][0-9]{0,3}$' AND "datevWageTypeSick" ~ '^[1-9][0-9]{0,3}$'
);
ALTER TABLE "User" ADD CONSTRAINT "User_personnelNumber_check" CHECK ("personnelNumber" ~ '^[1-9][0-9]{0,4}$');

-- Existing organisations: the default kinds Vacation and Sick leave are paid as those wage types.
UPDATE "AbsenceKind" SET "payrollType" = 'VACATION' WHERE lower(name) = 'vacation';
UPDATE "AbsenceKind" SET "payrollType" = 'SICK' WHERE lower(name) = 'sick leave';
