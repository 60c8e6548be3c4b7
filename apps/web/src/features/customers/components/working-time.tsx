import { formatMinutes, type Customer } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { DataTable } from '../../../components/data-table';
import { DateRangeFilter } from '../../../components/date-range-filter';
import { EntryFormModal } from '../../../components/entries/entry-form-modal';
import { DeleteEntryDialog } from '../../../components/entries/delete-entry-dialog';
import { ExportButton } from '../../../components/export-button';
import { entryMinutes, localDateLabel, localTime } from '../../../components/entries/entry-time';
import { IconButton } from '../../../components/icon-button';
import { PlusIcon } from '../../../components/icons';
import { SelectField } from '../../../components/select-field';
import { translate as t } from '../../../lib/i18n/i18n';
import { thisMonthRange, useWorkingTime, WORKING_TIME_PAGE_SIZE } from '../hooks/use-working-time';
import { Pager } from './pager';
import { workingTimeColumns } from './working-time-columns';

export { thisMonthRange, WORKING_TIME_PAGE_SIZE };

type WorkingTimeState = ReturnType<typeof useWorkingTime>;

/**
 * The customer's Working Time: entries newest first in a date range (default this month) and
 * optionally one user's; Total Time of the whole range at the foot (from the server, so it covers
 * every page); a running session shows "running" and counts up live; add, edit, delete, export.
 */
export function WorkingTime({ customer }: { customer: Customer }) {
  const wt = useWorkingTime(customer);
  const { tz, isManager, entries, data, now, totalMinutes } = wt;
  const columns = workingTimeColumns({ tz, now, live: wt.live, totalMinutes, canChange: wt.canChange, onEdit: wt.setEditing, onDelete: wt.setDeleting });

  return (
    <section className="working-time" aria-label={t('Working Time')}>
      <WorkingTimeToolbar customer={customer} wt={wt} />
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
          <Pager total={data.total} limit={WORKING_TIME_PAGE_SIZE} offset={wt.offset} onChange={wt.setOffset} noun={t('entries')} busy={entries.isFetching} />
        </div>
      ) : null}
      <WorkingTimeDialogs customer={customer} wt={wt} />
    </section>
  );
}

/** Filters (range, user for managers, This month) and actions (export, add). */
function WorkingTimeToolbar({ customer, wt }: { customer: Customer; wt: WorkingTimeState }) {
  const userOptions = [{ value: '', label: t('All users') }, ...wt.users.map((u) => ({ value: u.id, label: u.name }))];
  return (
    <div className="working-time__toolbar">
      <div className="working-time__filters">
        <DateRangeFilter from={wt.range.from} to={wt.range.to} onChange={wt.setRange} label={t('Date range')} />
        {wt.isManager ? (
          <SelectField label={t('User')} value={wt.userId} options={userOptions} onChange={(event) => wt.setUserId(event.target.value)} className="working-time__user" />
        ) : null}
        <Button variant="ghost" onClick={() => wt.setRange(thisMonthRange(wt.tz))}>{t('This month')}</Button>
      </div>
      <div className="working-time__actions">
        <ExportButton onExport={wt.exportExcel}>{t('Export Excel')}</ExportButton>
        <IconButton label={t('Add entry')} tone="black" icon={<PlusIcon />} onClick={() => wt.setAdding(true)} disabled={customer.archived} title={customer.archived ? t('Archived customers take no new work') : t('Add entry')} />
      </div>
    </div>
  );
}

/** Add, edit and delete an entry of this customer. */
function WorkingTimeDialogs({ customer, wt }: { customer: Customer; wt: WorkingTimeState }) {
  const { deleting, tz, now, origin } = wt;
  return (
    <>
      <EntryFormModal
        open={wt.adding}
        mode="create"
        onClose={() => wt.setAdding(false)}
        defaults={{ customerId: customer.id, customerName: customer.name, userId: wt.userId || wt.me.id }}
        lockCustomer
        origin={origin}
      />
      <EntryFormModal open={wt.editing !== null} mode="edit" entry={wt.editing ?? undefined} onClose={() => wt.setEditing(null)} origin={origin} />
      <DeleteEntryDialog
        entry={deleting}
        onClose={() => wt.setDeleting(null)}
        summary={deleting ? (
          <>{deleting.user.name}, {localDateLabel(deleting.startedAt, tz)} {localTime(deleting.startedAt, tz)}–{deleting.stoppedAt ? localTime(deleting.stoppedAt, tz) : ''} ({formatMinutes(entryMinutes(deleting, now))}), {deleting.category.name}.</>
        ) : null}
      />
    </>
  );
}
