import type { DiaryUserMonth } from '@workdiary/shared';
import { localShortDate } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';
import { hours, money } from '../lib/format';

type Props = {
  /** The month (undefined while it loads: '…' in each figure). */
  data: DiaryUserMonth | undefined;
  loading: boolean;
  month: string;
  thisMonth: string;
  tz: string;
};

/** A user's month in figures: total, required, extra hours, salary and the §3 ArbZG six-month average. */
export function MonthStats({ data, loading, month, thisMonth, tz }: Props) {
  return (
    <dl className="diary-stats" aria-label={t('Month totals')} aria-busy={loading || undefined}>
      <Stat label={t('Total')} value={data ? hours(data.totals.totalMinutes) : '…'} testId="stat-total" />
      <Stat label={t('Required')} value={data ? hours(data.totals.requiredMinutes) : '…'} hint={data && data.totals.absenceMinutes > 0 ? t('{hours} covered by absences', { hours: hours(data.totals.absenceMinutes) }) : undefined} />
      <Stat label={t('Extra Hours')} value={data ? hours(data.totals.extraMinutes) : '…'} testId="stat-extra" accent={(data?.totals.extraMinutes ?? 0) > 0} />
      <Stat label={t('Salary')} value={data ? money(data.totals.salary, data.currency) : '…'} hint={data?.frozenAt ? t('as approved on {date}', { date: localShortDate(data.frozenAt, tz) }) : month === thisMonth ? t('so far, finished sessions') : t('finished sessions')} />
      {data?.sixMonthAverage ? (
        <Stat
          label={t('6-month average per workday')}
          value={data.sixMonthAverage.averageMinutes === null ? '—' : hours(data.sixMonthAverage.averageMinutes)}
          hint={t('§3 ArbZG: at most 8:00 over {from} – {to}', { from: localShortDate(`${data.sixMonthAverage.from}T12:00:00Z`, 'UTC'), to: localShortDate(`${data.sixMonthAverage.to}T12:00:00Z`, 'UTC') })}
          testId="stat-six-month"
          accent={(data.sixMonthAverage.averageMinutes ?? 0) > 480}
        />
      ) : null}
    </dl>
  );
}

function Stat({ label, value, hint, testId, accent = false }: { label: string; value: string; hint?: string; testId?: string; accent?: boolean }) {
  return (
    <div className={accent ? 'diary-stat diary-stat--accent' : 'diary-stat'}>
      <dt className="diary-stat__label">{label}</dt>
      <dd className="diary-stat__value" data-testid={testId}>{value}</dd>
      {hint ? <dd className="diary-stat__hint muted">{hint}</dd> : null}
    </div>
  );
}
