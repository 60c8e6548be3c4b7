import { reportDays, type Report } from '@workdiary/shared';
import { lazy, Suspense } from 'react';
import { Card } from '../../../components/card';
import { hours, localShortDate, money } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';
import { importWithRetry } from '../../../lib/lazy-retry';
import { groupName, labelGroups } from '../lib/report-labels';
import { ReportTable } from './report-table';

// The charts are their own chunk, fetched when a report is first shown (lib/lazy-retry retries a failed load).
const ReportCharts = lazy(() => importWithRetry(() => import('./report-charts')));

/** '01 Nov 2026 – 30 Nov 2026' (plain local dates, in the reader's locale). */
export function rangeLabel(from: string, to: string): string {
  const day = (date: string) => localShortDate(`${date}T12:00:00Z`, 'UTC');
  return t('{from} – {to}', { from: day(from), to: day(to) });
}

/** Hours, billable hours, amount and the daily average over the range's calendar days. */
export function TotalsBar({ report }: { report: Report }) {
  const days = Math.max(1, reportDays(report.from, report.to));
  return (
    <dl className="report-totals" aria-label={t('Totals')}>
      <div className="report-totals__item">
        <dt>{t('Hours')}</dt>
        <dd data-testid="total-hours">{hours(report.totalMinutes)}</dd>
      </div>
      <div className="report-totals__item">
        <dt>{t('Billable hours')}</dt>
        <dd data-testid="total-billable">{hours(report.totalBillableMinutes)}</dd>
      </div>
      <div className="report-totals__item">
        <dt>{t('Amount')}</dt>
        <dd data-testid="total-amount">{money(report.totalAmount, report.currency)}</dd>
      </div>
      <div className="report-totals__item">
        <dt>{t('Daily average')}</dt>
        <dd data-testid="daily-average">{hours(Math.round(report.totalMinutes / days))}</dd>
        <dd className="report-totals__hint">{t('over {count, plural, one {# day} other {# days}}', { count: days })}</dd>
      </div>
    </dl>
  );
}

/** Totals, the two charts (lazily loaded) and the expandable table: what both report pages show. */
export function ReportBody({ report }: { report: Report }) {
  const groups = labelGroups(report.groups, report.groupBy);
  const first = report.groupBy[0] ?? 'customer';
  return (
    <>
      <TotalsBar report={report} />
      <Card title={t('Charts')} className="report-charts-card">
        <Suspense fallback={<div className="report-charts report-charts--loading" aria-hidden="true"><span className="skeleton" /></div>}>
          <ReportCharts report={report} groups={groups} groupTitle={groupName(first)} />
        </Suspense>
      </Card>
      <ReportTable
        title={t('Breakdown')}
        groups={groups}
        groupBy={report.groupBy}
        currency={report.currency}
        totals={{ minutes: report.totalMinutes, billableMinutes: report.totalBillableMinutes, amount: report.totalAmount }}
        caption={t('Hours and amounts by {group}', { group: report.groupBy.map(groupName).join(' / ') })}
      />
    </>
  );
}
