import { isWeekend, type DiaryDay } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { localDate, localTime } from '../../../components/entries/entry-time';
import { cx } from '../../../lib/cx';
import { hours, longDate, shortDate, weekdayShort } from '../lib/format';

export type MonthDaysTableProps = {
  days: readonly DiaryDay[] | undefined;
  tz: string;
  today: string;
  totals?: { totalMinutes: number; extraMinutes: number; requiredMinutes: number };
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  onOpenDay: (date: string) => void;
};

/** The day's exit as a wall time; work that runs past midnight ends the day at 24:00. */
function exitTime(exit: string, date: string, tz: string): string {
  return localDate(exit, tz) === date ? localTime(exit, tz) : '24:00';
}

/** Every day of the month: date (opens the day), weekday, entrance, exit, total, extra. */
export function MonthDaysTable({ days, tz, today, totals, loading, error, onRetry, onOpenDay }: MonthDaysTableProps) {
  const columns: DataTableColumn<DiaryDay>[] = [
    {
      key: 'date',
      header: 'Date',
      rowHeader: true,
      cell: (d) => (
        <button type="button" className="diary-date-link" onClick={() => onOpenDay(d.date)} aria-label={`Open ${longDate(d.date)}`}>
          {shortDate(d.date)}
        </button>
      ),
      footer: 'Month total',
    },
    {
      key: 'weekday',
      header: 'Weekday',
      cell: (d) => (
        <span className="diary-weekday">
          {weekdayShort(d.date)}
          {d.date === today ? <Badge tone="info">Today</Badge> : null}
          {d.holiday ? <Badge tone="warning" title="Public holiday">{d.holiday}</Badge> : null}
          {d.absence ? <Badge tone="info" title={`Approved absence: ${d.absence.creditPercent}% of the day counts as worked`}>{d.absence.kind}</Badge> : null}
        </span>
      ),
    },
    { key: 'entrance', header: 'Entrance', cell: (d) => (d.entrance ? localTime(d.entrance, tz) : <span className="muted">—</span>) },
    {
      key: 'exit',
      header: 'Exit',
      cell: (d) => (d.running ? <Badge tone="success" dot="pulse">running</Badge> : d.exit ? exitTime(d.exit, d.date, tz) : <span className="muted">—</span>),
    },
    {
      key: 'total',
      header: 'Total',
      align: 'right',
      cell: (d) => (d.totalMinutes > 0 || d.running ? hours(d.totalMinutes) : <span className="muted">0:00</span>),
      footer: totals ? <span data-testid="month-total">{hours(totals.totalMinutes)}</span> : undefined,
    },
    {
      key: 'extra',
      header: 'Extra',
      align: 'right',
      cell: (d) => (d.extraMinutes > 0 ? <strong className="diary-extra">{hours(d.extraMinutes)}</strong> : <span className="muted">0:00</span>),
      footer: totals ? <span data-testid="month-extra">{hours(totals.extraMinutes)}</span> : undefined,
    },
    {
      key: 'flags',
      header: <span className="visually-hidden">Flags</span>,
      width: '1%',
      cell: (d) => (d.flagged ? <Badge tone="warning" title="A session this day is flagged for review (e.g. a forgotten timer)">Check</Badge> : null),
    },
  ];
  return (
    <DataTable
      caption="Days of the month"
      columns={columns}
      rows={days}
      rowKey={(d) => d.date}
      loading={loading}
      error={error}
      onRetry={onRetry}
      skeletonRows={10}
      rowClassName={(d) => cx(isWeekend(d.date) && 'row--weekend', d.date === today && 'row--today', d.flagged && 'diary-row--flagged') || undefined}
      className="diary-days"
    />
  );
}
