-- Issue 26 (working-time law): the organisation's switch and choice of rules for the ArbZG check
-- (null rules = every rule, Germany's defaults), and managers' acknowledgements of a user's
-- findings on a day (one per user and local date; the note is required).

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "complianceEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "complianceRules" JSONB;

-- CreateTable
CREATE TABLE "ComplianceAcknowledgement" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ComplianceAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceAcknowledgement_organizationId_userId_date_key" ON "ComplianceAcknowledgement"("organizationId", "userId", "date");
CREATE INDEX "ComplianceAcknowledgement_organizationId_date_idx" ON "ComplianceAcknowledgement"("organizationId", "date");

-- AddForeignKey
ALTER TABLE "ComplianceAcknowledgement" ADD CONSTRAINT "ComplianceAcknowledgement_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ComplianceAcknowledgement" ADD CONSTRAINT "ComplianceAcknowledgement_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ComplianceAcknowledgement" ADD CONSTRAINT "ComplianceAcknowledgement_organizationId_createdById_fkey" FOREIGN KEY ("organizationId", "createdById") REFERENCES "User"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants schema.prisma cannot express (listed in schema-drift.test.ts).
ALTER TABLE "ComplianceAcknowledgement" ADD CONSTRAINT "ComplianceAcknowledgement_note_check" CHECK (note = btrim(note) AND char_length(note) BETWEEN 1 AND 500);
