import { currentMonth, MonthSchema } from '@workdiary/shared';
import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../../lib/current-user';
import { serverNow } from '../../../lib/server-clock';

/**
 * The month in the URL (`?month=YYYY-MM`), so a month is linkable and survives a reload;
 * the current month in the organisation's zone (by the server clock) when absent or invalid.
 */
export function useMonthParam(): [month: string, setMonth: (month: string) => void, thisMonth: string] {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const thisMonth = currentMonth(me.organization.timeZone, new Date(serverNow()));
  const raw = params.get('month');
  const month = raw !== null && MonthSchema.safeParse(raw).success ? raw : thisMonth;
  const setMonth = useCallback(
    (next: string) =>
      setParams((current) => {
        const copy = new URLSearchParams(current);
        copy.set('month', next);
        copy.delete('day');
        return copy;
      }),
    [setParams],
  );
  return [month, setMonth, thisMonth];
}

/** The open day of the Working time modal (`?day=YYYY-MM-DD`), so Back closes it. */
export function useDayParam(): [day: string | null, setDay: (day: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const day = params.get('day');
  const setDay = useCallback(
    (next: string | null) =>
      setParams((current) => {
        const copy = new URLSearchParams(current);
        if (next === null) copy.delete('day');
        else copy.set('day', next);
        return copy;
      }, { replace: next === null }),
    [setParams],
  );
  return [day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null, setDay];
}

/**
 * On the first of a month (or after a quiet spell) the current month is still empty: with no month
 * in the URL and nothing recorded in it (`data.empty`), the page opens the latest month that has
 * data, as the diary response names it (`latestMonth`), once, replacing the history entry.
 * `data` undefined: not loaded yet.
 */
export function useOpenLastMonthWithData(data: { empty: boolean; latestMonth: string | null; month: string } | undefined): void {
  const [params, setParams] = useSearchParams();
  const implicit = params.get('month') === null;
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !implicit || data === undefined) return;
    done.current = true;
    const target = data.latestMonth;
    if (!data.empty || target === null || target >= data.month) return;
    setParams((current) => {
      const copy = new URLSearchParams(current);
      copy.set('month', target);
      return copy;
    }, { replace: true });
  }, [implicit, data, setParams]);
}
