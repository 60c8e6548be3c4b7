import { addDays, dayFigures, type WorkEntry } from '@workdiary/shared';
import { useEffect, useState } from 'react';
import { useReopenEntryDraft } from '../../../components/entries/entry-draft';
import { translate as t } from '../../../lib/i18n/i18n';
import { useServerNow } from '../../../lib/use-server-now';
import { useDiaryDay, useDiaryDayHistory } from '../api/get-day';
import { useMonthLock } from '../components/month-lock';
import { wallTime } from '../lib/audit';
import { toSessions } from '../lib/sessions';

/** ← / → move a day, unless the key belongs to a field, a tab list or a dialog opened above. */
export function useDayKeys(date: string, onDateChange: ((date: string) => void) | undefined) {
  useEffect(() => {
    if (!onDateChange) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest('input, textarea, select, [role="tablist"], [contenteditable="true"]')) return;
      const dialogs = document.querySelectorAll('[role="dialog"]');
      if (!dialogs[dialogs.length - 1]?.classList.contains('diary-day-modal')) return;
      event.preventDefault();
      onDateChange?.(addDays(date, event.key === 'ArrowLeft' ? -1 : 1));
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [date, onDateChange]);
}

/**
 * The day dialog's state: the month's lock (and why), the open tab, which session is being added,
 * edited, deleted or shown with its history, the day's sessions and history, and the day's figures
 * counted up to now while a session runs.
 */
export function useDayDialog(user: { id: string }, date: string, tz: string, mayWrite: boolean) {
  // An approved month: the lock (and why) where Edit, Delete and + would be.
  const lock = useMonthLock(user.id, date);
  const canWrite = mayWrite && !lock.locked;
  const lockReason = mayWrite && lock.locked ? lock.reason : null;
  const [tab, setTab] = useState<string>('sessions');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<WorkEntry | null>(null);
  const [deleting, setDeleting] = useState<WorkEntry | null>(null);
  const [historyOf, setHistoryOf] = useState<WorkEntry | null>(null);
  // A form left open when the page went away (an expired session, a reload) comes back with its draft.
  const origin = `day:${user.id}:${date}`;
  useReopenEntryDraft(origin, { create: () => setAdding(true), edit: setEditing });
  const day = useDiaryDay(user.id, date);
  const history = useDiaryDayHistory(user.id, date, tab === 'history');
  const sessions = day.data?.items;
  const live = sessions?.some((e) => e.stoppedAt === null) ?? false;
  const now = new Date(useServerNow(live, 15_000));
  const required = day.data?.requiredMinutes ?? 0;
  // The shared time math, as on the server: the day's part of each session, summed then floored.
  const figures = dayFigures(toSessions(sessions ?? []), date, tz, now, required);
  return {
    canWrite, lockReason, tab, setTab, origin, day, history, sessions, figures,
    adding, setAdding, editing, setEditing, deleting, setDeleting, historyOf, setHistoryOf,
    inDay: (e: WorkEntry) => dayFigures(toSessions([e]), date, tz, now, 0).totalMinutes,
    fullLength: (e: WorkEntry) => Math.floor(((e.stoppedAt ? Date.parse(e.stoppedAt) : now.getTime()) - Date.parse(e.startedAt)) / 60_000),
    label: (e: WorkEntry) => t('session {value1}–{value2} {name}', { value1: wallTime(e.startedAt, tz, date), value2: wallTime(e.stoppedAt, tz, date), name: e.customer.name }),
  };
}
