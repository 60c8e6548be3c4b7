import { addDays } from '@workdiary/shared';
import { DataTable } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ComplianceDay } from '../../../components/compliance/compliance-day';
import { DeleteEntryDialog } from '../../../components/entries/delete-entry-dialog';
import { EntryFormModal } from '../../../components/entries/entry-form-modal';
import { ErrorState } from '../../../components/error-state';
import { IconButton } from '../../../components/icon-button';
import { ChevronLeftIcon, ChevronRightIcon, PlusIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { Spinner } from '../../../components/spinner';
import { TabPanel, Tabs } from '../../../components/tabs';
import { downloadDay } from '../api/exports';
import { wallTime } from '../lib/audit';
import { hours, longDate } from '../lib/format';
import { AuditTrail } from './audit-trail';
import { EntryHistoryModal } from './entry-history-modal';
import { LockMark, LockNote } from './month-lock';
import { dayColumns } from './day-columns';
import { useDayDialog, useDayKeys } from '../hooks/use-day-dialog';
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

type DayState = ReturnType<typeof useDayDialog>;

function DayDialog({ user, date, tz, canWrite: mayWrite, onClose, onDateChange, canAcknowledge = false }: DayModalProps & { date: string }) {
  useDayKeys(date, onDateChange);
  const d = useDayDialog(user, date, tz, mayWrite);
  const { canWrite, lockReason, tab } = d;

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
            {canWrite ? <IconButton label={t('Add session')} tone="black" icon={<PlusIcon />} onClick={() => d.setAdding(true)} /> : null}
            {lockReason ? <LockMark reason={lockReason} size={18} /> : null}
          </>
        }
      >
        <Tabs id="diary-day" label={t('Working time')} items={tabs()} value={tab} onChange={d.setTab} />
        <TabPanel id="diary-day" value="sessions" current={tab} className="diary-day__panel">
          <SessionsPanel d={d} user={user} date={date} tz={tz} canAcknowledge={canAcknowledge} />
        </TabPanel>
        <TabPanel id="diary-day" value="history" current={tab} className="diary-day__panel">
          <HistoryPanel history={d.history} tz={tz} date={date} />
        </TabPanel>
      </Modal>
      <DayEntryDialogs d={d} user={user} date={date} tz={tz} />
    </>
  );
}

/** The sessions tab: the lock note, the sessions table, the day's figures and its working-time findings. */
function SessionsPanel({ d, user, date, tz, canAcknowledge }: { d: DayState; user: { id: string; name: string }; date: string; tz: string; canAcknowledge: boolean }) {
  const { day, figures, canWrite, lockReason } = d;
  const columns = dayColumns({
    tz, date, totalMinutes: figures.totalMinutes, inDay: d.inDay, fullLength: d.fullLength, label: d.label,
    canWrite, lockReason, onHistory: d.setHistoryOf, onEdit: d.setEditing, onDelete: d.setDeleting,
  });
  return (
    <>
      {lockReason ? <LockNote reason={lockReason} testId="day-locked" /> : null}
      <DataTable
        caption={t('Sessions of {name} on {value2}', { name: user.name, value2: longDate(date) })}
        columns={columns}
        rows={d.sessions}
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
    </>
  );
}

/** The history tab: the day's audit trail (loading, error and empty states). */
function HistoryPanel({ history, tz, date }: { history: DayState['history']; tz: string; date: string }) {
  if (history.isPending) return <div className="diary-centered"><Spinner label={t('Loading history…')} /></div>;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} title={t('Could not load the history')} />;
  if (history.data.length === 0) {
    return <EmptyState title={t('No recorded changes this day')} message={t('Sessions recorded by the timer or added by hand show here once created, changed or deleted.')} />;
  }
  return <AuditTrail events={history.data} tz={tz} date={date} showSession />;
}

/** Add, edit, delete a session and show one session's history, above the day dialog. */
function DayEntryDialogs({ d, user, date, tz }: { d: DayState; user: { id: string }; date: string; tz: string }) {
  const { deleting, origin } = d;
  return (
    <>
      <EntryFormModal open={d.adding} mode="create" onClose={() => d.setAdding(false)} defaults={{ userId: user.id, date }} lockUser origin={origin} />
      <EntryFormModal open={d.editing !== null} mode="edit" entry={d.editing ?? undefined} onClose={() => d.setEditing(null)} origin={origin} />
      <EntryHistoryModal entry={d.historyOf} tz={tz} date={date} onClose={() => d.setHistoryOf(null)} />
      <DeleteEntryDialog
        entry={deleting}
        noun="session"
        onClose={() => d.setDeleting(null)}
        summary={deleting ? (
          <>{deleting.customer.name}, {wallTime(deleting.startedAt, tz, date)}–{wallTime(deleting.stoppedAt, tz, date)} ({hours(d.fullLength(deleting))}), {deleting.category.name}.</>
        ) : null}
      />
    </>
  );
}
