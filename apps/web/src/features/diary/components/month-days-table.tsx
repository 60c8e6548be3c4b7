import { isWeekend, type DiaryDay } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { localDate, localTime } from '../../../components/entries/entry-time';
import { ComplianceMarker } from '../../../components/compliance/compliance-day';
import { cx } from '../../../lib/cx';
import { hours, longDate, shortDate, weekdayShort } from '../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

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
      header: t('Date'),
      rowHeader: true,
      cell: (d) => (
        // The visible date starts the accessible name (WCAG 2.5.3), the full day follows for screen readers.
        <button type="button" className="diary-date-link" onClick={() => onOpenDay(d.date)}>
          {shortDate(d.date)}<span className="visually-hidden"> {t('Open {value1}', { value1: longDate(d.date) })}</span>
        </button>
      ),
      footer: t('Month total'),
    },
    {
      key: 'weekday',
      header: t('Weekday'),
      cell: (d) => (
        <span className="diary-weekday">
          {weekdayShort(d.date)}
          {d.date === today ? <Badge tone="info">{t('Today')}</Badge> : null}
          {d.holiday ? <Badge tone="warning" title={t('Public holiday')}>{d.holiday}</Badge> : null}
          {d.absence ? <Badge tone="info" title={t('Approved absence: {percent}% of the day counts as worked', { percent: d.absence.creditPercent })}>{d.absence.kind}</Badge> : null}
        </span>
      ),
    },
    { key: 'entrance', header: t('Entrance'), cell: (d) => (d.entrance ? localTime(d.entrance, tz) : <span className="muted">—</span>) },
    {
      key: 'exit',
      header: t('Exit'),
      cell: (d) => (d.running ? <Badge tone="success" dot="pulse">{t('running')}</Badge> : d.exit ? exitTime(d.exit, d.date, tz) : <span className="muted">—</span>),
    },
    {
      key: 'total',
      header: t('Total'),
      align: 'right',
      // A day still to come is not a day without work: say so instead of 0:00.
      cell: (d) => (d.date > today ? <span className="muted diary-future">{t('upcoming')}</span> : d.totalMinutes > 0 || d.running ? hours(d.totalMinutes) : <span className="muted">0:00</span>),
      footer: totals ? <span data-testid="month-total">{hours(totals.totalMinutes)}</span> : undefined,
    },
    {
      key: 'extra',
      header: t('Extra'),
      align: 'right',
      cell: (d) => (d.date > today ? <span className="muted">—</span> : d.extraMinutes > 0 ? <strong className="diary-extra">{hours(d.extraMinutes)}</strong> : <span className="muted">0:00</span>),
      footer: totals ? <span data-testid="month-extra">{hours(totals.extraMinutes)}</span> : undefined,
    },
    {
      key: 'flags',
      header: <span className="visually-hidden">{t('Flags')}</span>,
      width: '1%',
      cell: (d) => (
        <span className="row diary-flags">
          {d.flagged ? <Badge tone="warning" title={t('A session this day is flagged for review (e.g. a forgotten timer)')}>{t('Check')}</Badge> : null}
          <ComplianceMarker rules={d.violations} />
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption={t('Days of the month')}
      columns={columns}
      rows={days}
      rowKey={(d) => d.date}
      loading={loading}
      error={error}
      onRetry={onRetry}
      skeletonRows={10}
      rowClassName={(d) => cx(isWeekend(d.date) && 'row--weekend', d.date === today && 'row--today', d.date > today && 'row--future', d.flagged && 'diary-row--flagged') || undefined}
      className="diary-days"
    />
  );
}
