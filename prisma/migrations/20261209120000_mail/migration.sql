-- Issue 28 (mail): one-time password-reset links (POST /api/auth/password-reset; only the token's
-- SHA-256 is kept, valid for an hour, used once), the user's opt-out of the monthly reminder to
-- submit last month, and that reminder's claims: one row per user and month, inserted before the
-- mail goes out, so several instances on one database send each reminder once.
ALTER TABLE "User" ADD COLUMN "monthReminder" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "PasswordReset" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");
CREATE INDEX "PasswordReset_organizationId_userId_idx" ON "PasswordReset"("organizationId", "userId");
CREATE INDEX "PasswordReset_expiresAt_idx" ON "PasswordReset"("expiresAt");
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "MonthReminder" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MonthReminder_pkey" PRIMARY KEY ("userId", "month")
);
CREATE INDEX "MonthReminder_organizationId_month_idx" ON "MonthReminder"("organizationId", "month");
ALTER TABLE "MonthReminder" ADD CONSTRAINT "MonthReminder_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MonthReminder" ADD CONSTRAINT "MonthReminder_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
