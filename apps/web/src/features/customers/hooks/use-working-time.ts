import { currentMonth, daysOfMonth, type Customer, type WorkEntry } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DateRange } from '../../../components/date-range-filter';
import { useReopenEntryDraft } from '../../../components/entries/entry-draft';
import { useEntryUsers, workEntriesQueryOptions } from '../../../components/entries/entries-api';
import { entryMinutes } from '../../../components/entries/entry-time';
import { download } from '../../../lib/api-client';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { xlsxFallbackName } from '../../../lib/file-name';
import { getServerOffsetMs, serverNow } from '../../../lib/server-clock';
import { useServerNow } from '../../../lib/use-server-now';

export const WORKING_TIME_PAGE_SIZE = 50;

/** This month in the organisation's zone, as the default range. */
export function thisMonthRange(tz: string, nowMs = serverNow()): DateRange {
  const days = daysOfMonth(currentMonth(tz, new Date(nowMs)));
  return { from: days[0] ?? '', to: days[days.length - 1] ?? '' };
}

/**
 * The Working Time's state: the filters (range, user) and the page, which entry is being added,
 * edited or deleted, the entries of the page and the range's Total Time moved on to now while a
 * session runs, and the export.
 */
export function useWorkingTime(customer: Customer) {
  const me = useCurrentUser();
  const tz = me.organization.timeZone;
  const isManager = hasRole(me, MANAGER_ROLES);
  const [range, setRange] = useState<DateRange>(() => thisMonthRange(tz));
  const [userId, setUserId] = useState('');
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<WorkEntry | null>(null);
  const [deleting, setDeleting] = useState<WorkEntry | null>(null);
  // A form left open when the page went away (an expired session, a reload) comes back with its draft.
  const origin = `customer:${customer.id}`;
  useReopenEntryDraft(origin, { create: () => setAdding(true), edit: setEditing });
  const { users } = useEntryUsers();

  const params = {
    customerId: customer.id,
    userId: userId || undefined,
    from: range.from || undefined,
    to: range.to || undefined,
    limit: WORKING_TIME_PAGE_SIZE,
    offset,
  };
  // While something runs, refresh now and then (the live event stream refreshes on every change too).
  const entries = useQuery({
    ...workEntriesQueryOptions(params),
    refetchInterval: (query) => (query.state.data?.items.some((e) => e.stoppedAt === null) ? 60_000 : false),
  });
  const data = entries.data;
  const runningRows = data?.items.filter((e) => e.stoppedAt === null) ?? [];
  const live = runningRows.length > 0;
  const now = useServerNow(live, 1000);

  // The server counted running rows up to when it answered; move them on to now.
  const answeredAt = (entries.dataUpdatedAt || Date.now()) + getServerOffsetMs();
  const totalMinutes = (data?.totalMinutes ?? 0)
    + runningRows.reduce((sum, e) => sum + entryMinutes(e, now) - entryMinutes(e, answeredAt), 0);

  const changeFilter = (next: () => void) => {
    next();
    setOffset(0);
  };

  const exportExcel = () => download(`/api/exports/customers/${encodeURIComponent(customer.id)}.xlsx`, xlsxFallbackName(customer.name, range.from, range.to), {
    query: { from: range.from || undefined, to: range.to || undefined, userId: userId || undefined },
  });

  return {
    me, tz, isManager, users, origin, entries, data, live, now, totalMinutes, exportExcel,
    range, setRange: (next: DateRange) => changeFilter(() => setRange(next)),
    userId, setUserId: (next: string) => changeFilter(() => setUserId(next)),
    offset, setOffset,
    adding, setAdding, editing, setEditing, deleting, setDeleting,
    canChange: (e: WorkEntry) => isManager || e.userId === me.id,
  };
}
