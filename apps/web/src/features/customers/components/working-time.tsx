import { currentMonth, daysOfMonth, formatMinutes, type Customer, type WorkEntry } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { DateRangeFilter, type DateRange } from '../../../components/date-range-filter';
import { useReopenEntryDraft } from '../../../components/entries/entry-draft';
import { EntryFormModal } from '../../../components/entries/entry-form-modal';
import { useEntryUsers, workEntriesQueryOptions } from '../../../components/entries/entries-api';
import { DeleteEntryDialog } from '../../../components/entries/delete-entry-dialog';
import { ExportButton } from '../../../components/export-button';
import { entryMinutes, localDate, localDateLabel, localShortDate, localTime } from '../../../components/entries/entry-time';
import { useServerNow } from '../../../lib/use-server-now';
import { IconButton } from '../../../components/icon-button';
import { PencilIcon, PlusIcon, TrashIcon } from '../../../components/icons';
import { SelectField } from '../../../components/select-field';
import { download } from '../../../lib/api-client';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { getServerOffsetMs, serverNow } from '../../../lib/server-clock';
import { xlsxFallbackName } from '../../../lib/file-name';
import { Pager } from './pager';
import { ContinueButton } from '../../../components/entries/continue-button';
import { translate as t } from '../../../lib/i18n/i18n';

export const WORKING_TIME_PAGE_SIZE = 50;

/** This month in the organisation's zone, as the default range. */
export function thisMonthRange(tz: string, nowMs = serverNow()): DateRange {
  const days = daysOfMonth(currentMonth(tz, new Date(nowMs)));
  return { from: days[0] ?? '', to: days[days.length - 1] ?? '' };
}

/**
 * The customer's Working Time: entries newest first in a date range (default this month) and
 * optionally one user's; Total Time of the whole range at the foot (from the server, so it covers
 * every page); a running session shows "running" and counts up live; add, edit, delete, export.
 */
export function WorkingTime({ customer }: { customer: Customer }) {
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

  const canChange = (e: WorkEntry) => isManager || e.userId === me.id;
  const changeFilter = (next: () => void) => {
    next();
    setOffset(0);
  };

  const exportExcel = () => download(`/api/exports/customers/${encodeURIComponent(customer.id)}.xlsx`, xlsxFallbackName(customer.name, range.from, range.to), {
    query: { from: range.from || undefined, to: range.to || undefined, userId: userId || undefined },
  });

  const columns: DataTableColumn<WorkEntry>[] = [
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
          <IconButton label={t('Edit entry of {value1} {value2}', { value1: localDateLabel(e.startedAt, tz), value2: localTime(e.startedAt, tz) })} tone="edit" size="sm" icon={<PencilIcon size={16} />} onClick={() => setEditing(e)} />
          {e.stoppedAt ? (
            <IconButton label={t('Delete entry of {value1} {value2}', { value1: localDateLabel(e.startedAt, tz), value2: localTime(e.startedAt, tz) })} tone="danger" size="sm" icon={<TrashIcon size={16} />} onClick={() => setDeleting(e)} />
          ) : null}
        </span>
      ) : null,
    },
  ];

  const userOptions = [{ value: '', label: t('All users') }, ...users.map((u) => ({ value: u.id, label: u.name }))];

  return (
    <section className="working-time" aria-label={t('Working Time')}>
      <div className="working-time__toolbar">
        <div className="working-time__filters">
          <DateRangeFilter from={range.from} to={range.to} onChange={(next) => changeFilter(() => setRange(next))} label={t('Date range')} />
          {isManager ? (
            <SelectField label={t('User')} value={userId} options={userOptions} onChange={(event) => changeFilter(() => setUserId(event.target.value))} className="working-time__user" />
          ) : null}
          <Button variant="ghost" onClick={() => changeFilter(() => setRange(thisMonthRange(tz)))}>{t('This month')}</Button>
        </div>
        <div className="working-time__actions">
          <ExportButton onExport={exportExcel}>{t('Export Excel')}</ExportButton>
          <IconButton label={t('Add entry')} tone="black" icon={<PlusIcon />} onClick={() => setAdding(true)} disabled={customer.archived} title={customer.archived ? t('Archived customers take no new work') : t('Add entry')} />
        </div>
      </div>
      {!isManager ? <p className="muted working-time__scope">{t('Your own entries for {customer}.', { customer: customer.name })}</p> : null}
      <DataTable
        caption={t('Working time for {name}', { name: customer.name })}
        columns={columns}
        rows={data?.items}
        rowKey={(e) => e.id}
        loading={entries.isPending}
        error={entries.error}
        onRetry={() => void entries.refetch()}
        emptyTitle={t('No working time in this range')}
        emptyMessage={customer.archived ? t('This customer is archived.') : t('Add an entry with the black + or pick another range.')}
        rowClassName={(e) => (e.stoppedAt ? undefined : 'wt-row--running')}
        className={entries.isFetching && !entries.isPending ? 'working-time__table--refreshing' : undefined}
      />
      {data ? (
        <div className="working-time__footer">
          <span className="muted">
            {t('{count, plural, one {# entry} other {# entries}} · Total Time {total}', { count: data.total, total: formatMinutes(totalMinutes) })}
          </span>
          <Pager total={data.total} limit={WORKING_TIME_PAGE_SIZE} offset={offset} onChange={setOffset} noun={t('entries')} busy={entries.isFetching} />
        </div>
      ) : null}

      <EntryFormModal
        open={adding}
        mode="create"
        onClose={() => setAdding(false)}
        defaults={{ customerId: customer.id, customerName: customer.name, userId: userId || me.id }}
        lockCustomer
        origin={origin}
      />
      <EntryFormModal open={editing !== null} mode="edit" entry={editing ?? undefined} onClose={() => setEditing(null)} origin={origin} />
      <DeleteEntryDialog
        entry={deleting}
        onClose={() => setDeleting(null)}
        summary={deleting ? (
          <>{deleting.user.name}, {localDateLabel(deleting.startedAt, tz)} {localTime(deleting.startedAt, tz)}–{deleting.stoppedAt ? localTime(deleting.stoppedAt, tz) : ''} ({formatMinutes(entryMinutes(deleting, now))}), {deleting.category.name}.</>
        ) : null}
      />
    </section>
  );
}
