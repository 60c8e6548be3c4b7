-- Issue 21: an approved month's kept figures are a versioned snapshot of their own
-- (apps/api/src/domain/figures/snapshot.ts, version 1), written in the approval's transaction.
--
-- 1. Figures kept by the previous release (the wire shape read back: approvedAt, items, totals,
--    requiredByWeekday, pay) become version 1: the days are renamed, each loses the wire's
--    `running` (always false for finished sessions), and the zone and instants the month covered
--    are added (the organisation's zone now: a zone change that moves approved months is refused
--    from this release on, so this is the zone they were approved in unless it changed before).
UPDATE "MonthClose" m
SET figures = jsonb_build_object(
      'version', 1,
      'approvedAt', m.figures->'approvedAt',
      'timeZone', o."timeZone",
      'monthStart', to_char(((m.month || '-01')::timestamp AT TIME ZONE o."timeZone") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'monthEnd', to_char((((m.month || '-01')::date + interval '1 month')::timestamp AT TIME ZONE o."timeZone") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'days', (SELECT coalesce(jsonb_agg(d - 'running' ORDER BY ord), '[]'::jsonb)
                 FROM jsonb_array_elements(m.figures->'items') WITH ORDINALITY AS x(d, ord)),
      'totals', m.figures->'totals',
      'requiredByWeekday', m.figures->'requiredByWeekday',
      'pay', m.figures->'pay')
FROM "Organization" o
WHERE o.id = m."organizationId" AND m.figures IS NOT NULL AND NOT (m.figures ? 'version');

-- 2. An APPROVED month always has its figures. NOT VALID: months approved before figures were
--    kept at all have none; the server keeps theirs at start-up (domain/figures/backfill.ts) and
--    every new approval writes them with the state, which this CHECK holds.
ALTER TABLE "MonthClose" ADD CONSTRAINT "MonthClose_approved_figures_check"
  CHECK (status <> 'APPROVED' OR figures IS NOT NULL) NOT VALID;
