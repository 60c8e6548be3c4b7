-- Issue 23: the figures every overview, report and balance reads, kept per user, local day,
-- customer and category ("DayFigure"), up to date in the same transaction as every write of a
-- WorkEntry (a statement trigger, so the timer's statements, manual entries, imports and the seed
-- all keep them without code of their own) and rebuilt for the whole organisation when its zone
-- changes (organization.service.ts calls wd_rebuild_day_figures). Finished sessions only: running
-- ones are in no figure that is kept (live views add them from the sessions).
-- `ms` is the exact milliseconds of the cell: the figures module floors a user's DAY to whole
-- minutes once (domain/figures), so the kept cells can be summed to any grouping first.

CREATE TABLE "DayFigure" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "customerId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "ms" BIGINT NOT NULL,
    "entrance" TIMESTAMPTZ(3) NOT NULL,
    "exit" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "DayFigure_pkey" PRIMARY KEY ("organizationId", "userId", "day", "customerId", "categoryId")
);
CREATE INDEX "DayFigure_organizationId_day_idx" ON "DayFigure"("organizationId", "day");
ALTER TABLE "DayFigure" ADD CONSTRAINT "DayFigure_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DayFigure" ADD CONSTRAINT "DayFigure_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The first instant of local day p_day in p_tz, as the shared dayBounds (packages/shared
-- local-time.ts) has it: its midnight; where the clock went back over midnight (the hour repeats)
-- the earlier of the two; where a spring-forward gap swallowed midnight, the end of the gap
-- (PostgreSQL's reading of a nonexistent local time with the offset before the change).
CREATE FUNCTION wd_day_start(p_day date, p_tz text) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
DECLARE
  c timestamptz := p_day::timestamp AT TIME ZONE p_tz;
  before_offset interval := ((c - interval '1 day') AT TIME ZONE p_tz) - ((c - interval '1 day') AT TIME ZONE 'UTC');
  earlier timestamptz := (p_day::timestamp - before_offset) AT TIME ZONE 'UTC';
BEGIN
  IF earlier < c AND (earlier AT TIME ZONE p_tz) = p_day::timestamp THEN
    RETURN earlier;
  END IF;
  RETURN c;
END
$$;

-- Works the kept figures of one user's local days [p_from, p_to] out again from the sessions. Each
-- session is cut into the local days it touches (generate_series over its local dates); a session
-- inside one local day (nearly all) is taken whole, so day bounds are worked out only for the
-- pieces of sessions across midnight.
CREATE FUNCTION wd_refresh_day_figures(p_org text, p_user text, p_from date, p_to date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
BEGIN
  SELECT "timeZone" INTO v_tz FROM "Organization" WHERE id = p_org;
  IF v_tz IS NULL THEN RETURN; END IF;
  v_start := wd_day_start(p_from, v_tz);
  v_end := wd_day_start(p_to + 1, v_tz);
  DELETE FROM "DayFigure" WHERE "organizationId" = p_org AND "userId" = p_user AND "day" BETWEEN p_from AND p_to;
  INSERT INTO "DayFigure" ("organizationId", "userId", "day", "customerId", "categoryId", "ms", "entrance", "exit")
  SELECT p_org, p_user, g.day::date, s.customer_id, s.category_id,
         sum((extract(epoch FROM p.piece_end - p.piece_start) * 1000)::bigint),
         min(p.piece_start), max(p.piece_end)
  FROM (
    -- By the (userId, startedAt) index from a day before; sessions that started earlier and still
    -- reach in are longer than a day, and come from the partial index of long sessions.
    SELECT e."customerId" AS customer_id, e."categoryId" AS category_id, e."startedAt" AS started_at, e."stoppedAt" AS stopped_at
    FROM "WorkEntry" e
    WHERE e."userId" = p_user AND e."organizationId" = p_org AND e."stoppedAt" IS NOT NULL
      AND e."startedAt" >= v_start - interval '1 day' AND e."startedAt" < v_end AND e."stoppedAt" > v_start
    UNION ALL
    SELECT e."customerId", e."categoryId", e."startedAt", e."stoppedAt"
    FROM "WorkEntry" e
    WHERE e."userId" = p_user AND e."organizationId" = p_org AND (e."stoppedAt" - e."startedAt") > interval '1 day'
      AND e."startedAt" < v_start - interval '1 day' AND e."stoppedAt" > v_start
  ) s
  CROSS JOIN LATERAL (
    SELECT (s.started_at AT TIME ZONE v_tz)::date AS first_day, ((s.stopped_at - interval '1 millisecond') AT TIME ZONE v_tz)::date AS last_day
  ) span
  CROSS JOIN LATERAL generate_series(greatest(span.first_day, p_from), least(span.last_day, p_to), interval '1 day') AS g(day)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN span.first_day = span.last_day THEN s.started_at ELSE greatest(s.started_at, wd_day_start(g.day::date, v_tz)) END AS piece_start,
           CASE WHEN span.first_day = span.last_day THEN s.stopped_at ELSE least(s.stopped_at, wd_day_start(g.day::date + 1, v_tz)) END AS piece_end
  ) p
  WHERE p.piece_end > p.piece_start
  GROUP BY g.day, s.customer_id, s.category_id;
END
$$;

-- The local days (in the organisation's zone) each changed finished session touches, per user:
-- the statement triggers below refresh those, once per user and statement.
CREATE FUNCTION wd_refresh_changed(p_changed jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.org, c.usr, min((c.started_at AT TIME ZONE o."timeZone")::date) AS first_day,
           max(((CASE WHEN c.stopped_at > c.started_at THEN c.stopped_at - interval '1 millisecond' ELSE c.started_at END) AT TIME ZONE o."timeZone")::date) AS last_day
    FROM jsonb_to_recordset(p_changed) AS c(org text, usr text, started_at timestamptz, stopped_at timestamptz)
    JOIN "Organization" o ON o.id = c.org
    WHERE c.stopped_at IS NOT NULL
    GROUP BY c.org, c.usr
  LOOP
    PERFORM wd_refresh_day_figures(r.org, r.usr, r.first_day, r.last_day);
  END LOOP;
END
$$;

CREATE FUNCTION wd_day_figures_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM wd_refresh_changed((SELECT coalesce(jsonb_agg(jsonb_build_object('org', n."organizationId", 'usr', n."userId", 'started_at', n."startedAt", 'stopped_at', n."stoppedAt")), '[]')
                              FROM new_rows n WHERE n."stoppedAt" IS NOT NULL));
  RETURN NULL;
END
$$;

CREATE FUNCTION wd_day_figures_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM wd_refresh_changed((SELECT coalesce(jsonb_agg(jsonb_build_object('org', o."organizationId", 'usr', o."userId", 'started_at', o."startedAt", 'stopped_at', o."stoppedAt")), '[]')
                              FROM old_rows o WHERE o."stoppedAt" IS NOT NULL));
  RETURN NULL;
END
$$;

-- An update refreshes the days of the old and the new version of each row whose figures can
-- change (times, user, customer, category); a note or a flag changes no figure.
CREATE FUNCTION wd_day_figures_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM wd_refresh_changed((
    SELECT coalesce(jsonb_agg(x.v), '[]') FROM (
      SELECT jsonb_build_object('org', o."organizationId", 'usr', o."userId", 'started_at', o."startedAt", 'stopped_at', o."stoppedAt") AS v
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o."stoppedAt" IS NOT NULL AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
            IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId")
      UNION ALL
      SELECT jsonb_build_object('org', n."organizationId", 'usr', n."userId", 'started_at', n."startedAt", 'stopped_at', n."stoppedAt")
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE n."stoppedAt" IS NOT NULL AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
            IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId")
    ) x));
  RETURN NULL;
END
$$;

CREATE TRIGGER "WorkEntry_day_figures_insert" AFTER INSERT ON "WorkEntry" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wd_day_figures_inserted();
CREATE TRIGGER "WorkEntry_day_figures_update" AFTER UPDATE ON "WorkEntry" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wd_day_figures_updated();
CREATE TRIGGER "WorkEntry_day_figures_delete" AFTER DELETE ON "WorkEntry" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wd_day_figures_deleted();

-- Every user's kept figures of one organisation, from scratch (its zone changed: every day is cut
-- at other instants). Also fills them for the entries that exist when this migration runs.
CREATE FUNCTION wd_rebuild_day_figures(p_org text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  DELETE FROM "DayFigure" WHERE "organizationId" = p_org;
  FOR r IN
    SELECT e."userId" AS usr, min((e."startedAt" AT TIME ZONE o."timeZone")::date) AS first_day,
           max(((e."stoppedAt" - interval '1 millisecond') AT TIME ZONE o."timeZone")::date) AS last_day
    FROM "WorkEntry" e JOIN "Organization" o ON o.id = e."organizationId"
    WHERE e."organizationId" = p_org AND e."stoppedAt" IS NOT NULL
    GROUP BY e."userId"
  LOOP
    PERFORM wd_refresh_day_figures(p_org, r.usr, r.first_day, r.last_day);
  END LOOP;
END
$$;

SELECT wd_rebuild_day_figures(id) FROM "Organization";
