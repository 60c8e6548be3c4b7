-- Workdiary initial schema. Hand-written in the shape `prisma migrate` produces; checked against
-- schema.prisma by apps/api/src/db/schema-drift.test.ts.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGER', 'MEMBER');
CREATE TYPE "PayType" AS ENUM ('HOURLY', 'MONTHLY');
CREATE TYPE "EntrySource" AS ENUM ('TIMER', 'MANUAL');
CREATE TYPE "AuditAction" AS ENUM ('CREATE', 'UPDATE', 'DELETE', 'START', 'STOP');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "clientTimer" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "tokenVersion" INTEGER NOT NULL DEFAULT 0,
    "setPasswordToken" TEXT,
    "setPasswordExpiresAt" TIMESTAMPTZ(3),
    "payType" "PayType" NOT NULL DEFAULT 'HOURLY',
    "hourlyRate" INTEGER,
    "monthlyBase" INTEGER,
    "overtimeFactor" DOUBLE PRECISION NOT NULL DEFAULT 1.25,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "WorkRules" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT,
    "requiredMinutes" INTEGER[],
    "noteRequired" BOOLEAN NOT NULL DEFAULT false,
    "minSessionMinutes" INTEGER NOT NULL DEFAULT 0,
    "maxSessionHours" INTEGER NOT NULL DEFAULT 12,
    "allowOverlap" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "WorkRules_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "WorkEntry" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "stoppedAt" TIMESTAMPTZ(3),
    "note" TEXT NOT NULL DEFAULT '',
    "source" "EntrySource" NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT,
    "stoppedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "WorkEntry_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" "AuditAction" NOT NULL,
    "actorId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" JSONB,
    "after" JSONB,
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "User_setPasswordToken_key" ON "User"("setPasswordToken");
CREATE INDEX "User_organizationId_name_idx" ON "User"("organizationId", "name");
CREATE UNIQUE INDEX "WorkRules_userId_key" ON "WorkRules"("userId");
CREATE INDEX "WorkRules_organizationId_idx" ON "WorkRules"("organizationId");
CREATE INDEX "Category_organizationId_archived_idx" ON "Category"("organizationId", "archived");
CREATE INDEX "Customer_organizationId_name_idx" ON "Customer"("organizationId", "name");
CREATE INDEX "WorkEntry_organizationId_startedAt_idx" ON "WorkEntry"("organizationId", "startedAt");
CREATE INDEX "WorkEntry_userId_startedAt_idx" ON "WorkEntry"("userId", "startedAt");
CREATE INDEX "WorkEntry_customerId_startedAt_idx" ON "WorkEntry"("customerId", "startedAt");
CREATE INDEX "AuditEvent_organizationId_entityType_entityId_at_idx" ON "AuditEvent"("organizationId", "entityType", "entityId", "at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkRules" ADD CONSTRAINT "WorkRules_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkRules" ADD CONSTRAINT "WorkRules_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Category" ADD CONSTRAINT "Category_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_stoppedById_fkey" FOREIGN KEY ("stoppedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants the database holds itself (not expressible in schema.prisma).
-- At most one running entry per user: two simultaneous starts give one row and one unique violation.
CREATE UNIQUE INDEX "WorkEntry_userId_running_key" ON "WorkEntry"("userId") WHERE "stoppedAt" IS NULL;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_stop_after_start_check" CHECK ("stoppedAt" IS NULL OR "stoppedAt" > "startedAt");
-- Category names: trimmed, 1-60 characters, unique per organisation ignoring case.
CREATE UNIQUE INDEX "Category_organizationId_lower_name_key" ON "Category"("organizationId", lower("name"));
ALTER TABLE "Category" ADD CONSTRAINT "Category_name_check" CHECK ("name" = btrim("name") AND char_length("name") BETWEEN 1 AND 60);
-- Emails are stored lower-cased, so the unique index is case-insensitive.
ALTER TABLE "User" ADD CONSTRAINT "User_email_lower_check" CHECK ("email" = lower("email"));
-- One organisation-default rules row (userId null) per organisation; seven weekdays of minutes.
CREATE UNIQUE INDEX "WorkRules_organizationId_default_key" ON "WorkRules"("organizationId") WHERE "userId" IS NULL;
ALTER TABLE "WorkRules" ADD CONSTRAINT "WorkRules_requiredMinutes_check" CHECK (array_length("requiredMinutes", 1) = 7);
