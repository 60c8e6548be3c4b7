-- Rate limits and login throttling kept in the database, so every API instance on one PostgreSQL
-- counts the same attempts (apps/api/src/lib/rate-limit-store.ts, modules/auth/login-throttle.ts).

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "resetAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "LoginFailure" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMPTZ(3) NOT NULL,
    "retryAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("email")
);

CREATE TABLE "LoginKnownAddress" (
    "email" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "LoginKnownAddress_pkey" PRIMARY KEY ("email","address")
);

-- CreateIndex
CREATE INDEX "RateLimitWindow_resetAt_idx" ON "RateLimitWindow"("resetAt");
CREATE INDEX "LoginFailure_lastFailureAt_idx" ON "LoginFailure"("lastFailureAt");
CREATE INDEX "LoginKnownAddress_lastSuccessAt_idx" ON "LoginKnownAddress"("lastSuccessAt");
