-- The current definition of wd_share_day_minutes (new in 20261208130000_day_figure_minutes).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- Shares one user's local days [p_from, p_to] out again into the kept cells' whole minutes
-- ("minutes"), from their milliseconds: each cell floor(ms / 60000), and the minutes the floors
-- leave of the day's floor(Σ ms / 60000) one each to the cells with the largest leftover
-- milliseconds (ties by customer id, then category id): the rule wd_refresh_day_figures applies
-- when it works a day out. Called by the fast paths after they add milliseconds to cells; writes
-- only the cells whose minutes change.
-- JIT off (the SET clause), as wd_refresh_day_figures: over a long range (an import) the plan's
-- cost passes jit_above_cost and compiling would cost more than the statement.
CREATE OR REPLACE FUNCTION public.wd_share_day_minutes(p_org text, p_user text, p_from date, p_to date)
 RETURNS void
 LANGUAGE plpgsql
 SET jit TO 'off'
AS $function$
BEGIN
  UPDATE "DayFigure" f SET "minutes" = s.minutes
  FROM (
    SELECT c.day, c."customerId" AS customer_id, c."categoryId" AS category_id,
           (div(c.ms, 60000) + CASE WHEN row_number() OVER (PARTITION BY c.day ORDER BY c.ms % 60000 DESC, c."customerId", c."categoryId")
                                         <= div(sum(c.ms) OVER (PARTITION BY c.day), 60000) - sum(div(c.ms, 60000)) OVER (PARTITION BY c.day)
                                    THEN 1 ELSE 0 END)::integer AS minutes
    FROM "DayFigure" c
    WHERE c."organizationId" = p_org AND c."userId" = p_user AND c.day BETWEEN p_from AND p_to
  ) s
  WHERE f."organizationId" = p_org AND f."userId" = p_user AND f.day = s.day
    AND f."customerId" = s.customer_id AND f."categoryId" = s.category_id
    AND f."minutes" IS DISTINCT FROM s.minutes;
END
$function$;
