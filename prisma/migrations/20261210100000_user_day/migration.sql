-- Issue 23: each user's local day total kept beside its cells ("UserDay": the day's milliseconds
-- and floor(Σ ms / 60000), the Work diary's day total), so the month overview reads a month of
-- user-days (200 people: ~6,000 rows) and the overtime account a year of them (~73,000) instead of
-- summing a year of cells (1.1M at the bench's million entries) on every read. Kept from DayFigure
-- itself by statement triggers (prisma/functions: wd_user_days_kept → wd_refresh_user_days), so
-- every path that keeps the cells (WorkEntry's triggers, the timer's fast paths, imports, a zone
-- change's rebuild) keeps the totals in the same transaction without code of its own.

CREATE TABLE "UserDay" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "ms" BIGINT NOT NULL,
    "minutes" INTEGER NOT NULL,
    CONSTRAINT "UserDay_pkey" PRIMARY KEY ("organizationId", "userId", "day")
);
CREATE INDEX "UserDay_organizationId_day_idx" ON "UserDay"("organizationId", "day");
ALTER TABLE "UserDay" ADD CONSTRAINT "UserDay_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "UserDay" ADD CONSTRAINT "UserDay_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The current definitions live in prisma/functions (applied after the migrations); these first
-- copies exist so the triggers below can be created.
CREATE FUNCTION wd_refresh_user_days(p_orgs text[], p_users text[], p_days date[]) RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE FUNCTION wd_user_days_kept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;

CREATE TRIGGER "DayFigure_user_days_insert" AFTER INSERT ON "DayFigure" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wd_user_days_kept();
CREATE TRIGGER "DayFigure_user_days_update" AFTER UPDATE ON "DayFigure" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wd_user_days_kept();
CREATE TRIGGER "DayFigure_user_days_delete" AFTER DELETE ON "DayFigure" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wd_user_days_kept();

-- The days that exist now.
SET LOCAL jit = off;
INSERT INTO "UserDay" ("organizationId", "userId", "day", "ms", "minutes")
SELECT f."organizationId", f."userId", f.day, sum(f.ms), div(sum(f.ms), 60000)::integer
FROM "DayFigure" f
GROUP BY f."organizationId", f."userId", f.day;
