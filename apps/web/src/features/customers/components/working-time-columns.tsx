import { formatMinutes, type WorkEntry } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import type { DataTableColumn } from '../../../components/data-table';
import { ContinueButton } from '../../../components/entries/continue-button';
import { entryMinutes, localDate, localDateLabel, localShortDate, localTime } from '../../../components/entries/entry-time';
import { IconButton } from '../../../components/icon-button';
import { PencilIcon, TrashIcon } from '../../../components/icons';
import { translate as t } from '../../../lib/i18n/i18n';

export type WorkingTimeColumnsInput = {
  tz: string;
  /** The server's now, ms: running rows count up to it. */
  now: number;
  live: boolean;
  totalMinutes: number;
  canChange: (e: WorkEntry) => boolean;
  onEdit: (e: WorkEntry) => void;
  onDelete: (e: WorkEntry) => void;
};

/** The Working Time table's columns: who, start, stop (or running), total (Total Time at the foot), category, note, actions. */
export function workingTimeColumns({ tz, now, live, totalMinutes, canChange, onEdit, onDelete }: WorkingTimeColumnsInput): DataTableColumn<WorkEntry>[] {
  return [
    { key: 'user', header: t('User'), rowHeader: true, cell: (e) => <span className="wt-nowrap">{e.user.name}</span>, footer: <strong className="wt-nowrap">{t('Total Time')}</strong> },
    {
      key: 'start',
      header: t('Start'),
      cell: (e) => (
        <span className="wt-when">
          <span className="wt-when__date" title={localDateLabel(e.startedAt, tz)}>{localShortDate(e.startedAt, tz)}</span> {localTime(e.startedAt, tz)}
        </span>
      ),
    },
    {
      key: 'stop',
      header: t('Stop'),
      cell: (e) => {
        if (!e.stoppedAt) return <Badge tone="success" dot="pulse">{t('running')}</Badge>;
        const sameDay = localDate(e.stoppedAt, tz) === localDate(e.startedAt, tz);
        return sameDay ? localTime(e.stoppedAt, tz) : (
          <span className="wt-when"><span className="wt-when__date" title={localDateLabel(e.stoppedAt, tz)}>{localShortDate(e.stoppedAt, tz)}</span> {localTime(e.stoppedAt, tz)}</span>
        );
      },
    },
    {
      key: 'total',
      header: t('Total'),
      align: 'right',
      cell: (e) => <span className={e.stoppedAt ? undefined : 'wt-live'}>{formatMinutes(entryMinutes(e, now))}</span>,
      footer: <strong className={live ? 'wt-live' : undefined} data-testid="working-time-total">{formatMinutes(totalMinutes)}</strong>,
    },
    {
      key: 'category',
      header: t('Category'),
      cell: (e) => (
        <span>
          {e.category.name}
          {e.category.archived ? <span className="muted" title={t('This category was deleted')}> {t('(archived)')}</span> : null}
        </span>
      ),
    },
    { key: 'note', header: t('Note'), cell: (e) => (e.note ? <span className="wt-note" title={e.note}>{e.note}</span> : <span className="muted">—</span>) },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('Actions')}</span>,
      align: 'right',
      width: '1%',
      cell: (e) => canChange(e) ? (
        <span className="row wt-actions">
          <ContinueButton entry={e} />
          <IconButton label={t('Edit entry of {value1} {value2}', { value1: localDateLabel(e.startedAt, tz), value2: localTime(e.startedAt, tz) })} tone="edit" size="sm" icon={<PencilIcon size={16} />} onClick={() => onEdit(e)} />
          {e.stoppedAt ? (
            <IconButton label={t('Delete entry of {value1} {value2}', { value1: localDateLabel(e.startedAt, tz), value2: localTime(e.startedAt, tz) })} tone="danger" size="sm" icon={<TrashIcon size={16} />} onClick={() => onDelete(e)} />
          ) : null}
        </span>
      ) : null,
    },
  ];
}
