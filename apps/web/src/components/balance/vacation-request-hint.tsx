import { addDays, HolidayListSchema, weekdayIndex } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { useT } from '../../lib/i18n/i18n';
import { useOwnRules } from '../../lib/own-rules';
import { days, useBalance } from './balance-api';

/**
 * Vacation days a request over [startDate, endDate] uses: the days the user's rules require work
 * on that are not public holidays (the server counts the same way once it is approved).
 */
export function requestedVacationDays(startDate: string, endDate: string, requiredByWeekday: readonly number[], holidays: ReadonlySet<string>): number {
  let n = 0;
  for (let d = startDate; d <= endDate; d = addDays(d, 1)) {
    if ((requiredByWeekday[weekdayIndex(d)] ?? 0) > 0 && !holidays.has(d)) n += 1;
  }
  return n;
}

/** "This request uses 3 of your 22 remaining days", with a warning when it uses more. */
export function VacationRequestHint({ userId, startDate, endDate }: { userId: string; startDate: string; endDate: string }) {
  const t = useT();
  const year = startDate.slice(0, 4);
  const balance = useBalance(userId, startDate.slice(0, 7));
  const rules = useOwnRules(userId);
  const holidays = useQuery({
    queryKey: ['holidays', year],
    queryFn: ({ signal }) => api.get('/api/holidays', { query: { year }, schema: HolidayListSchema, signal }),
    enabled: /^\d{4}$/.test(year),
  });
  if (!startDate || !endDate || endDate < startDate || !balance.data || !rules.data || !holidays.data) return null;
  const used = requestedVacationDays(startDate, endDate, rules.data.requiredMinutes, new Set(holidays.data.items.map((h) => h.date)));
  const remaining = balance.data.vacation.remainingDays;
  const over = used > remaining;
  return (
    <p className={over ? 'field-error' : 'muted'} role={over ? 'alert' : 'status'} data-testid="vacation-request-hint">
      {t('This request uses {used} of your {remaining} remaining days.', { used: days(used), remaining: days(remaining) })}
      {over ? ` ${t('That is more than you have left.')}` : null}
    </p>
  );
}
