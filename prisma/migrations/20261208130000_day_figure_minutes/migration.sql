-- Issue 22: the kept per-day figures (DayFigure) also keep each cell's whole minutes ("minutes"),
-- the day's floored total shared out among the user-day's cells by the largest remainder: every
-- cell gets floor(ms / 60000), and the minutes the floors leave over, floor(Σ ms / 60000) −
-- Σ floor(ms / 60000), go one each to the cells with the largest leftover milliseconds (ties by
-- customer id, then category id). So a user-day's cells sum to that day's floored total exactly
-- as the Work diary's day total, and reports sum kept minutes instead of sorting every cell in a
-- window on each read. Kept by the same functions as "ms" (prisma/functions:
-- wd_refresh_day_figures works a day's cells out with their minutes; the fast paths of
-- wd_day_figures_inserted/_updated upsert milliseconds and then share the day again with
-- wd_share_day_minutes). Filled here for the rows that exist.
ALTER TABLE "DayFigure" ADD COLUMN "minutes" INTEGER;

SET LOCAL jit = off;
UPDATE "DayFigure" f SET "minutes" = s.minutes
FROM (
  SELECT c."organizationId", c."userId", c.day, c."customerId", c."categoryId",
         (div(c.ms, 60000) + CASE WHEN row_number() OVER (PARTITION BY c."organizationId", c."userId", c.day ORDER BY c.ms % 60000 DESC, c."customerId", c."categoryId")
                                       <= div(sum(c.ms) OVER (PARTITION BY c."organizationId", c."userId", c.day), 60000)
                                          - sum(div(c.ms, 60000)) OVER (PARTITION BY c."organizationId", c."userId", c.day)
                                  THEN 1 ELSE 0 END)::integer AS minutes
  FROM "DayFigure" c
) s
WHERE f."organizationId" = s."organizationId" AND f."userId" = s."userId" AND f.day = s.day
  AND f."customerId" = s."customerId" AND f."categoryId" = s."categoryId";

ALTER TABLE "DayFigure" ALTER COLUMN "minutes" SET NOT NULL;
