-- Tenancy in the database itself: an entry (and an audit event) can only reference a user,
-- customer or category of its own organisation. The foreign keys now include "organizationId".

-- CreateIndex
CREATE UNIQUE INDEX "User_organizationId_id_key" ON "User"("organizationId", "id");
CREATE UNIQUE INDEX "Category_organizationId_id_key" ON "Category"("organizationId", "id");
CREATE UNIQUE INDEX "Customer_organizationId_id_key" ON "Customer"("organizationId", "id");

-- DropForeignKey
ALTER TABLE "WorkEntry" DROP CONSTRAINT "WorkEntry_userId_fkey";
ALTER TABLE "WorkEntry" DROP CONSTRAINT "WorkEntry_customerId_fkey";
ALTER TABLE "WorkEntry" DROP CONSTRAINT "WorkEntry_categoryId_fkey";
ALTER TABLE "WorkEntry" DROP CONSTRAINT "WorkEntry_createdById_fkey";
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorId_fkey";

-- AddForeignKey
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_organizationId_customerId_fkey" FOREIGN KEY ("organizationId", "customerId") REFERENCES "Customer"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_organizationId_categoryId_fkey" FOREIGN KEY ("organizationId", "categoryId") REFERENCES "Category"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_organizationId_createdById_fkey" FOREIGN KEY ("organizationId", "createdById") REFERENCES "User"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_actorId_fkey" FOREIGN KEY ("organizationId", "actorId") REFERENCES "User"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
