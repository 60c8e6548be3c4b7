import { dayFigures, type WorkEntry } from '@workdiary/shared';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { DeleteEntryDialog } from '../../../components/entries/delete-entry-dialog';
import { EntryFormModal } from '../../../components/entries/entry-form-modal';
import { useServerNow } from '../../../lib/use-server-now';
import { ErrorState } from '../../../components/error-state';
import { IconButton } from '../../../components/icon-button';
import { HistoryIcon, PencilIcon, PlusIcon, TrashIcon } from '../../../components/icons';
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
import { ExportButton } from '../../../components/export-button';

export type DayModalProps = {
  user: { id: string; name: string };
  /** 'YYYY-MM-DD', or null when closed. */
  date: string | null;
  tz: string;
  /** Add, edit and delete (managers, or the user's own diary: the entries API decides the rest). */
  canWrite: boolean;
  onClose: () => void;
};

const TABS = [
  { value: 'sessions', label: 'Sessions' },
  { value: 'history', label: 'History' },
] as const;

/** The day's "Working time": its sessions with edit, delete, add and export, and its audit trail. */
export function DayModal(props: DayModalProps) {
  if (props.date === null) return null;
  return <DayDialog {...props} date={props.date} />;
}

function DayDialog({ user, date, tz, canWrite, onClose }: DayModalProps & { date: string }) {
  const [tab, setTab] = useState<string>('sessions');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<WorkEntry | null>(null);
  const [deleting, setDeleting] = useState<WorkEntry | null>(null);
  const [historyOf, setHistoryOf] = useState<WorkEntry | null>(null);
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
  const label = (e: WorkEntry) => `session ${wallTime(e.startedAt, tz, date)}–${wallTime(e.stoppedAt, tz, date)} ${e.customer.name}`;

  const columns: DataTableColumn<WorkEntry>[] = [
    { key: 'customer', header: 'Customer Name', rowHeader: true, cell: (e) => e.customer.name, footer: 'Day total' },
    { key: 'entrance', header: 'Entrance', cell: (e) => wallTime(e.startedAt, tz, date) },
    {
      key: 'exit',
      header: 'Exit',
      cell: (e) => (e.stoppedAt ? wallTime(e.stoppedAt, tz, date) : <Badge tone="success" dot="pulse">running</Badge>),
    },
    {
      key: 'total',
      header: 'Total Hours',
      align: 'right',
      cell: (e) => {
        const part = inDay(e);
        const whole = fullLength(e);
        return (
          <span title={part !== whole ? `This day's part of a ${hours(whole)} session` : undefined}>
            {hours(part)}
            {part !== whole ? <span className="muted"> of {hours(whole)}</span> : null}
          </span>
        );
      },
      footer: <span data-testid="day-total">{hours(figures.totalMinutes)}</span>,
    },
    {
      key: 'category',
      header: 'Category',
      cell: (e) => (
        <>
          {e.category.name}
          {e.category.archived ? <span className="muted" title="This category was deleted"> (archived)</span> : null}
        </>
      ),
    },
    {
      key: 'note',
      header: 'Note',
      cell: (e) => (
        <span className="diary-note">
          {e.flagged ? <Badge tone="warning" title="Flagged for review (e.g. a forgotten timer)">Flagged</Badge> : null}
          {e.note ? <span title={e.note}>{e.note}</span> : <span className="muted">—</span>}
        </span>
      ),
    },
    {
      key: 'action',
      header: 'Action',
      align: 'right',
      width: '1%',
      cell: (e) => (
        <span className="row diary-actions">
          <IconButton label={`History of ${label(e)}`} size="sm" icon={<HistoryIcon size={16} />} onClick={() => setHistoryOf(e)} />
          {canWrite ? (
            <IconButton label={`Edit ${label(e)}`} tone="edit" size="sm" icon={<PencilIcon size={16} />} onClick={() => setEditing(e)} />
          ) : null}
          {canWrite && e.stoppedAt ? (
            <IconButton label={`Delete ${label(e)}`} tone="danger" size="sm" icon={<TrashIcon size={16} />} onClick={() => setDeleting(e)} />
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <Modal
        open
        onClose={onClose}
        title="Working time"
        description={`${user.name} · ${longDate(date)}`}
        size="xl"
        className="diary-day-modal"
        headerActions={
          <>
            <ExportButton size="sm" label="Export this day" onExport={() => downloadDay(user, date)} />
            {canWrite ? <IconButton label="Add session" tone="black" icon={<PlusIcon />} onClick={() => setAdding(true)} /> : null}
          </>
        }
      >
        <Tabs id="diary-day" label="Working time" items={TABS} value={tab} onChange={setTab} />
        <TabPanel id="diary-day" value="sessions" current={tab} className="diary-day__panel">
          <DataTable
            caption={`Sessions of ${user.name} on ${longDate(date)}`}
            columns={columns}
            rows={sessions}
            rowKey={(e) => e.id}
            loading={day.isPending}
            error={day.error}
            onRetry={() => void day.refetch()}
            skeletonRows={3}
            emptyTitle="No sessions this day"
            emptyMessage={canWrite ? 'Add one with the black +.' : undefined}
            rowClassName={(e) => (e.stoppedAt ? undefined : 'diary-row--running')}
          />
          {day.data ? (
            <p className="diary-day__figures muted" data-testid="day-figures">
              Total <strong>{hours(figures.totalMinutes)}</strong> · Required {hours(figures.requiredMinutes)} · Extra{' '}
              <strong>{hours(figures.extraMinutes)}</strong>
              {figures.running ? ' · a timer is running (counted up to now)' : ''}
            </p>
          ) : null}
        </TabPanel>
        <TabPanel id="diary-day" value="history" current={tab} className="diary-day__panel">
          {history.isPending ? (
            <div className="diary-centered"><Spinner label="Loading history…" /></div>
          ) : history.isError ? (
            <ErrorState error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} title="Could not load the history" />
          ) : history.data.length === 0 ? (
            <EmptyState title="No recorded changes this day" message="Sessions recorded by the timer or added by hand show here once created, changed or deleted." />
          ) : (
            <AuditTrail events={history.data} tz={tz} date={date} showSession />
          )}
        </TabPanel>
      </Modal>

      <EntryFormModal open={adding} mode="create" onClose={() => setAdding(false)} defaults={{ userId: user.id, date }} lockUser />
      <EntryFormModal open={editing !== null} mode="edit" entry={editing ?? undefined} onClose={() => setEditing(null)} />
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
