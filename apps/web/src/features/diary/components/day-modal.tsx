import { addDays, dayFigures, type WorkEntry } from '@workdiary/shared';
import { useEffect, useState } from 'react';
import { Badge } from '../../../components/badge';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ComplianceDay } from '../../../components/compliance/compliance-day';
import { ContinueButton } from '../../../components/entries/continue-button';
import { DeleteEntryDialog } from '../../../components/entries/delete-entry-dialog';
import { useReopenEntryDraft } from '../../../components/entries/entry-draft';
import { EntryFormModal } from '../../../components/entries/entry-form-modal';
import { useServerNow } from '../../../lib/use-server-now';
import { ErrorState } from '../../../components/error-state';
import { IconButton } from '../../../components/icon-button';
import { ChevronLeftIcon, ChevronRightIcon, HistoryIcon, PencilIcon, PlusIcon, TrashIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { Spinner } from '../../../components/spinner';
import { TabPanel, Tabs } from '../../../components/tabs';
import { useDiaryDay, useDiaryDayHistory } from '../api/get-day';
import { downloadDay } from '../api/exports';
import { wallTime } from '../lib/audit';
import { toSessions } from '../lib/sessions';
import { hours, longDate } from '../lib/format';
import { AuditTrail } from './audit-trail';
import { EntryHistoryModal } from './entry-history-modal';
import { LockMark, LockNote, useMonthLock } from './month-lock';
import { ExportButton } from '../../../components/export-button';
import { translate as t } from '../../../lib/i18n/i18n';

export type DayModalProps = {
  user: { id: string; name: string };
  /** 'YYYY-MM-DD', or null when closed. */
  date: string | null;
  tz: string;
  /** Add, edit and delete (managers, or the user's own diary: the entries API decides the rest). */
  canWrite: boolean;
  onClose: () => void;
  /** Previous / next day inside the dialog (buttons, and ← / → outside fields and tabs). */
  onDateChange?: (date: string) => void;
  /** A manager may acknowledge the day's working-time findings with a note. */
  canAcknowledge?: boolean;
};

/** ← / → move a day, unless the key belongs to a field, a tab list or a dialog opened above. */
function useDayKeys(date: string, onDateChange: ((date: string) => void) | undefined) {
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

// A function: the labels follow the active language.
const tabs = () => [
  { value: 'sessions', label: t('Sessions') },
  { value: 'history', label: t('History') },
] as const;

/** The day's "Working time": its sessions with edit, delete, add and export, and its audit trail. */
export function DayModal(props: DayModalProps) {
  if (props.date === null) return null;
  return <DayDialog {...props} date={props.date} />;
}

function DayDialog({ user, date, tz, canWrite: mayWrite, onClose, onDateChange, canAcknowledge = false }: DayModalProps & { date: string }) {
  useDayKeys(date, onDateChange);
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
  const inDay = (e: WorkEntry) => dayFigures(toSessions([e]), date, tz, now, 0).totalMinutes;
  const fullLength = (e: WorkEntry) => Math.floor(((e.stoppedAt ? Date.parse(e.stoppedAt) : now.getTime()) - Date.parse(e.startedAt)) / 60_000);
  const label = (e: WorkEntry) => t('session {value1}–{value2} {name}', { value1: wallTime(e.startedAt, tz, date), value2: wallTime(e.stoppedAt, tz, date), name: e.customer.name });

  const columns: DataTableColumn<WorkEntry>[] = [
    { key: 'customer', header: t('Customer Name'), rowHeader: true, cell: (e) => e.customer.name, footer: t('Day total') },
    { key: 'entrance', header: t('Entrance'), cell: (e) => wallTime(e.startedAt, tz, date) },
    {
      key: 'exit',
      header: t('Exit'),
      cell: (e) => (e.stoppedAt ? wallTime(e.stoppedAt, tz, date) : <Badge tone="success" dot="pulse">{t('running')}</Badge>),
    },
    {
      key: 'total',
      header: t('Total Hours'),
      align: 'right',
      cell: (e) => {
        const part = inDay(e);
        const whole = fullLength(e);
        return (
          <span title={part !== whole ? t('This day\'s part of a {value1} session', { value1: hours(whole) }) : undefined}>
            {hours(part)}
            {part !== whole ? <span className="muted"> {t('of')} {hours(whole)}</span> : null}
          </span>
        );
      },
      footer: <span data-testid="day-total">{hours(figures.totalMinutes)}</span>,
    },
    {
      key: 'category',
      header: t('Category'),
      cell: (e) => (
        <>
          {e.category.name}
          {e.category.archived ? <span className="muted" title={t('This category was deleted')}> {t('(archived)')}</span> : null}
        </>
      ),
    },
    {
      key: 'note',
      header: t('Note'),
      cell: (e) => (
        <span className="diary-note">
          {e.flagged ? <Badge tone="warning" title={t('Flagged for review (e.g. a forgotten timer)')}>{t('Flagged')}</Badge> : null}
          {e.note ? <span title={e.note}>{e.note}</span> : <span className="muted">—</span>}
        </span>
      ),
    },
    {
      key: 'action',
      header: t('Action'),
      align: 'right',
      width: '1%',
      cell: (e) => (
        <span className="row diary-actions">
          <ContinueButton entry={e} />
          <IconButton label={t('History of {value1}', { value1: label(e) })} size="sm" icon={<HistoryIcon size={16} />} onClick={() => setHistoryOf(e)} />
          {canWrite ? (
            <IconButton label={t('Edit {value1}', { value1: label(e) })} tone="edit" size="sm" icon={<PencilIcon size={16} />} onClick={() => setEditing(e)} />
          ) : null}
          {canWrite && e.stoppedAt ? (
            <IconButton label={t('Delete {value1}', { value1: label(e) })} tone="danger" size="sm" icon={<TrashIcon size={16} />} onClick={() => setDeleting(e)} />
          ) : null}
          {lockReason ? <LockMark reason={lockReason} /> : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <Modal
        open
        onClose={onClose}
        title={t('Working time')}
        description={`${user.name} · ${longDate(date)}`}
        size="xl"
        className="diary-day-modal"
        headerActions={
          <>
            {onDateChange ? (
              <>
                <IconButton label={t('Previous day')} icon={<ChevronLeftIcon size={18} />} onClick={() => onDateChange(addDays(date, -1))} aria-keyshortcuts="ArrowLeft" />
                <IconButton label={t('Next day')} icon={<ChevronRightIcon size={18} />} onClick={() => onDateChange(addDays(date, 1))} aria-keyshortcuts="ArrowRight" />
              </>
            ) : null}
            <ExportButton size="sm" label={t('Export this day')} onExport={() => downloadDay(user, date)} />
            {canWrite ? <IconButton label={t('Add session')} tone="black" icon={<PlusIcon />} onClick={() => setAdding(true)} /> : null}
            {lockReason ? <LockMark reason={lockReason} size={18} /> : null}
          </>
        }
      >
        <Tabs id="diary-day" label={t('Working time')} items={tabs()} value={tab} onChange={setTab} />
        <TabPanel id="diary-day" value="sessions" current={tab} className="diary-day__panel">
          {lockReason ? <LockNote reason={lockReason} testId="day-locked" /> : null}
          <DataTable
            caption={t('Sessions of {name} on {value2}', { name: user.name, value2: longDate(date) })}
            columns={columns}
            rows={sessions}
            rowKey={(e) => e.id}
            loading={day.isPending}
            error={day.error}
            onRetry={() => void day.refetch()}
            skeletonRows={3}
            emptyTitle={t('No sessions this day')}
            emptyMessage={canWrite ? t('Add one with the black +.') : undefined}
            rowClassName={(e) => (e.stoppedAt ? undefined : 'diary-row--running')}
          />
          {day.data ? (
            <p className="diary-day__figures muted" data-testid="day-figures">
              {t('Total')} <strong>{hours(figures.totalMinutes)}</strong> {t('· Required')} {hours(figures.requiredMinutes)} {t('· Extra')}{' '}
              <strong>{hours(figures.extraMinutes)}</strong>
              {figures.running ? t(' · a timer is running (counted up to now)') : ''}
            </p>
          ) : null}
          <ComplianceDay userId={user.id} date={date} tz={tz} canAcknowledge={canAcknowledge} />
        </TabPanel>
        <TabPanel id="diary-day" value="history" current={tab} className="diary-day__panel">
          {history.isPending ? (
            <div className="diary-centered"><Spinner label={t('Loading history…')} /></div>
          ) : history.isError ? (
            <ErrorState error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} title={t('Could not load the history')} />
          ) : history.data.length === 0 ? (
            <EmptyState title={t('No recorded changes this day')} message={t('Sessions recorded by the timer or added by hand show here once created, changed or deleted.')} />
          ) : (
            <AuditTrail events={history.data} tz={tz} date={date} showSession />
          )}
        </TabPanel>
      </Modal>

      <EntryFormModal open={adding} mode="create" onClose={() => setAdding(false)} defaults={{ userId: user.id, date }} lockUser origin={origin} />
      <EntryFormModal open={editing !== null} mode="edit" entry={editing ?? undefined} onClose={() => setEditing(null)} origin={origin} />
      <EntryHistoryModal entry={historyOf} tz={tz} date={date} onClose={() => setHistoryOf(null)} />
      <DeleteEntryDialog
        entry={deleting}
        noun="session"
        onClose={() => setDeleting(null)}
        summary={deleting ? (
          <>{deleting.customer.name}, {wallTime(deleting.startedAt, tz, date)}–{wallTime(deleting.stoppedAt, tz, date)} ({hours(fullLength(deleting))}), {deleting.category.name}.</>
        ) : null}
      />
    </>
  );
}
