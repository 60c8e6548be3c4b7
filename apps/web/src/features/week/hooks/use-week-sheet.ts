import { addDays, localDateOf, localTimeOf, type WorkEntry } from '@workdiary/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { getErrorMessage } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { longDate, shortDate, weekdayShort } from '../../../lib/format';
import { useLocaleStore } from '../../../lib/i18n/locale-store';
import { useT } from '../../../lib/i18n/i18n';
import { useCellWrite, useRequiredMinutes, useWeekEntries } from '../api/week';
import { buildRows, clock, daysFrom, isoWeekOf, mondayOfWeek, pairsOf, type WeekRow } from '../lib/week';

/** Where a new session of `minutes` on `date` goes: after the day's last finished session, else 08:00. */
function slotFor(entries: WorkEntry[], date: string, tz: string, minutes: number): { startTime: string; stopTime: string; stopDate?: string } | null {
  let start = 8 * 60;
  const ends = entries.filter((e) => e.stoppedAt && localDateOf(new Date(e.stoppedAt), tz) === date).map((e) => {
    const [h, m] = localTimeOf(new Date(e.stoppedAt as string), tz).split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  });
  if (ends.length) start = Math.max(...ends);
  const stop = start + minutes;
  if (stop > 24 * 60) return null;
  return stop === 24 * 60 ? { startTime: clock(start), stopTime: '00:00', stopDate: addDays(date, 1) } : { startTime: clock(start), stopTime: clock(stop) };
}

type CommitOptions = {
  days: string[];
  entries: WorkEntry[];
  tz: string;
  dayLabel: (date: string) => string;
  setRefusal: (reason: string | null) => void;
};

/**
 * A cell's new time, written as ONE manual session: the cell's session adjusted (or deleted at 0),
 * else a new one after the day's last. Rejects with the refusal, which `setRefusal` shows.
 */
function useCellCommit({ days, entries, tz, dayLabel, setRefusal }: CommitOptions) {
  const t = useT();
  const write = useCellWrite();
  return async (row: WeekRow, i: number, minutes: number) => {
    setRefusal(null);
    const date = days[i] as string;
    const session = row.cells[i]?.[0];
    try {
      if (session) {
        if (minutes === 0) await write.mutateAsync({ kind: 'delete', id: session.id });
        else await write.mutateAsync({ kind: 'patch', id: session.id, stoppedAt: new Date(Date.parse(session.startedAt) + minutes * 60_000).toISOString() });
        return;
      }
      if (minutes === 0) return;
      const slot = slotFor(entries, date, tz, minutes);
      if (!slot) {
        setRefusal(t('{time} does not fit into {day} after its last session.', { time: clock(minutes), day: dayLabel(date) }));
        throw new Error('no slot');
      }
      await write.mutateAsync({ kind: 'create', body: { customerId: row.customer.id, categoryId: row.category.id, date, ...slot } });
    } catch (error) {
      if (!(error instanceof Error && error.message === 'no slot')) setRefusal(getErrorMessage(error));
      throw error;
    }
  };
}

/**
 * The week page's state: the week in the URL (?week=YYYY-Www, this week without), its entries as
 * rows (plus the rows added or copied from last week), the required minutes, and the cell writes.
 */
export function useWeekSheet() {
  const locale = useLocaleStore((s) => s.locale);
  const fmt = { weekdayShort: (d: string) => weekdayShort(d, locale), shortDate: (d: string) => shortDate(d, locale), longDate: (d: string) => longDate(d, locale) };
  const me = useCurrentUser();
  const tz = me.organization.timeZone;
  const [params, setParams] = useSearchParams();
  const today = localDateOf(new Date(), tz);
  const week = params.get('week') ?? isoWeekOf(today);
  const monday = mondayOfWeek(week) ?? mondayOfWeek(isoWeekOf(today)) ?? today;
  const days = daysFrom(monday);
  // Rows shown with empty cells until time is typed in: copied from last week, or added.
  const [extra, setExtra] = useState<Array<Pick<WeekRow, 'customer' | 'category'>>>([]);
  const [refusal, setRefusal] = useState<string | null>(null);

  const entries = useWeekEntries(me.id, days[0] ?? monday, days[6] ?? monday);
  const lastWeek = useWeekEntries(me.id, addDays(monday, -7), addDays(monday, -1));
  const required = useRequiredMinutes(me.id, days);
  const now = Date.now();

  const goWeek = (n: number) => {
    setExtra([]);
    setRefusal(null);
    setParams({ week: isoWeekOf(addDays(monday, 7 * n)) });
  };
  const rows = buildRows(entries.data ?? [], days, tz, extra, now);
  const dayLabel = (date: string) => `${fmt.weekdayShort(date)} ${fmt.shortDate(date)}`;
  const commit = useCellCommit({ days, entries: entries.data ?? [], tz, dayLabel, setRefusal });

  return {
    fmt, me, tz, today, monday, days, now, rows, dayLabel, commit, refusal,
    entries, lastWeek, lastWeekPairs: pairsOf(lastWeek.data ?? []), required: required.required,
    /** Whether the URL names a week (else this week shows). */
    chosenWeek: Boolean(params.get('week')),
    goWeek, thisWeek: () => setParams({}),
    addRows: (more: Array<Pick<WeekRow, 'customer' | 'category'>>) => setExtra((rows) => [...rows, ...more]),
  };
}

export type WeekSheet = ReturnType<typeof useWeekSheet>;
