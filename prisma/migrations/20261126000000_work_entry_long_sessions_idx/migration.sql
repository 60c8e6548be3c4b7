-- The Work diary's month overview reads a month's entries by ("organizationId", "startedAt")
-- from one day before the month. Entries that started earlier and still reach into the month are
-- longer than a day (forgotten timers, night shifts); this small partial index finds those few
-- without scanning the organisation's history. Not expressible in schema.prisma: listed in
-- apps/api/src/db/schema-drift.test.ts SQL_ONLY_INVARIANTS.
CREATE INDEX "WorkEntry_long_sessions_idx" ON "WorkEntry"("organizationId", "startedAt") WHERE ("stoppedAt" - "startedAt") > interval '1 day';
