import { formatDuration, localDateOf, type AtWorkItem } from '@workdiary/shared';
import { useState } from 'react';
import { Button } from '../../../components/button';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { StopIcon } from '../../../components/icons';
import { useServerNow } from '../../../lib/use-server-now';
import { StopUserTimerModal } from './stop-user-timer-modal';
import './users.css';

/** "09:12", or "Mon 24 Nov, 21:40" when it was not today (in the organisation's zone). */
export function formatSince(iso: string, timeZone: string, now: number): string {
  const at = new Date(iso).getTime();
  const options: Intl.DateTimeFormatOptions = localDateOf(new Date(at), timeZone) === localDateOf(new Date(now), timeZone)
    ? { timeZone, hour: '2-digit', minute: '2-digit' }
    : { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(undefined, options).format(at);
}

export type AtWorkTableProps = {
  items: AtWorkItem[] | undefined;
  timeZone: string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
};

/** User, customer, category, since, ticking elapsed time, and Stop (with a note). */
export function AtWorkTable({ items, timeZone, loading, error, onRetry }: AtWorkTableProps) {
  const now = useServerNow((items?.length ?? 0) > 0, 1000);
  const [stopping, setStopping] = useState<AtWorkItem | null>(null);
  const columns: Array<DataTableColumn<AtWorkItem>> = [
    { key: 'user', header: 'User', rowHeader: true, sortValue: (i) => i.userName, cell: (i) => i.userName },
    { key: 'customer', header: 'Customer', sortValue: (i) => i.customerName, cell: (i) => i.customerName },
    { key: 'category', header: 'Category', sortValue: (i) => i.categoryName, cell: (i) => i.categoryName },
    { key: 'since', header: 'Since', sortValue: (i) => i.startedAt, cell: (i) => <span className="at-work__since">{formatSince(i.startedAt, timeZone, now)}</span> },
    {
      key: 'elapsed',
      header: 'Elapsed',
      align: 'right',
      sortValue: (i) => i.startedAt,
      cell: (i) => <span className="at-work__elapsed">{formatDuration(now - new Date(i.startedAt).getTime())}</span>,
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'right',
      cell: (i) => (
        <Button size="sm" variant="danger" icon={<StopIcon size={14} />} onClick={() => setStopping(i)} aria-label={`Stop ${i.userName}’s timer`}>
          Stop
        </Button>
      ),
    },
  ];
  return (
    <>
      <DataTable
        caption="Who is at work now"
        columns={columns}
        rows={items}
        rowKey={(i) => i.entryId}
        loading={loading}
        error={error}
        onRetry={onRetry}
        emptyTitle="Nobody is at work right now"
        emptyMessage="Running timers show up here the moment someone clicks Start Work."
        skeletonRows={3}
      />
      <StopUserTimerModal item={stopping} onClose={() => setStopping(null)} />
    </>
  );
}
