// Moved to apps/api/src/domain/calendar/day-calendar.ts (issue 29: the rules modules share live in domain/). This re-export
// remains only for files other engineers were editing at the time (modules/balances, modules/diary/diary.service.ts,
// modules/compliance, modules/organization/organization.service.ts, domain/figures/balance.sql.ts): import domain/ directly.
export * from '../../domain/calendar/day-calendar.ts';
