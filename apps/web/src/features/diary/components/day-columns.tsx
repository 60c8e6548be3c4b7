import type { WorkEntry } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import type { DataTableColumn } from '../../../components/data-table';
import { ContinueButton } from '../../../components/entries/continue-button';
import { IconButton } from '../../../components/icon-button';
import { HistoryIcon, PencilIcon, TrashIcon } from '../../../components/icons';
import { translate as t } from '../../../lib/i18n/i18n';
import { wallTime } from '../lib/audit';
import { hours } from '../lib/format';
import { LockMark } from './month-lock';

export type DayColumnsInput = {
  tz: string;
  date: string;
  /** The day's total, at the foot. */
  totalMinutes: number;
  /** A session's minutes inside this day, and its whole length. */
  inDay: (e: WorkEntry) => number;
  fullLength: (e: WorkEntry) => number;
  /** The session as its buttons name it. */
  label: (e: WorkEntry) => string;
  canWrite: boolean;
  /** An approved month: the lock (and why) where Edit and Delete would be. */
  lockReason: string | null;
  onHistory: (e: WorkEntry) => void;
  onEdit: (e: WorkEntry) => void;
  onDelete: (e: WorkEntry) => void;
};

/** The day's sessions table: customer, entrance, exit (or running), this day's hours, category, note, actions. */
export function dayColumns({ tz, date, totalMinutes, inDay, fullLength, label, canWrite, lockReason, onHistory, onEdit, onDelete }: DayColumnsInput): DataTableColumn<WorkEntry>[] {
  return [
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
      footer: <span data-testid="day-total">{hours(totalMinutes)}</span>,
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
          <IconButton label={t('History of {value1}', { value1: label(e) })} size="sm" icon={<HistoryIcon size={16} />} onClick={() => onHistory(e)} />
          {canWrite ? (
            <IconButton label={t('Edit {value1}', { value1: label(e) })} tone="edit" size="sm" icon={<PencilIcon size={16} />} onClick={() => onEdit(e)} />
          ) : null}
          {canWrite && e.stoppedAt ? (
            <IconButton label={t('Delete {value1}', { value1: label(e) })} tone="danger" size="sm" icon={<TrashIcon size={16} />} onClick={() => onDelete(e)} />
          ) : null}
          {lockReason ? <LockMark reason={lockReason} /> : null}
        </span>
      ),
    },
  ];
}
