-- Issue 27: imports from Toggl, Clockify, Kimai and Harvest. Each import is kept as history
-- ("Import": who, when, file, counts, undone when); the entries it created carry its id, so an
-- undo deletes exactly those; their audit events use the new action IMPORT.
ALTER TYPE "AuditAction" ADD VALUE 'IMPORT';

CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "entriesCreated" INTEGER NOT NULL,
    "customersCreated" INTEGER NOT NULL,
    "categoriesCreated" INTEGER NOT NULL,
    "duplicatesSkipped" INTEGER NOT NULL,
    "undoneAt" TIMESTAMPTZ(3),
    "undoneById" TEXT,
    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Import_organizationId_createdAt_idx" ON "Import"("organizationId", "createdAt");
ALTER TABLE "Import" ADD CONSTRAINT "Import_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "WorkEntry" ADD COLUMN "importId" TEXT;
CREATE INDEX "WorkEntry_importId_idx" ON "WorkEntry"("importId");
