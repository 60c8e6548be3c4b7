import { useT } from '../../lib/i18n/i18n';
import './balance.css';
import { days, useBalance } from './balance-api';

/** The year's vacation: entitlement, carried over, taken, planned and what remains. */
export function VacationSummary({ userId, month }: { userId: string; month?: string }) {
  const t = useT();
  const query = useBalance(userId, month);
  const v = query.data?.vacation;
  if (query.isError) return <p className="muted">{t('Could not load the vacation days.')}</p>;
  if (!v) return <p className="muted" aria-busy>{t('Loading…')}</p>;
  return (
    <dl className="vacation-summary" aria-label={t('Vacation {year}', { year: v.year })}>
      <dt>{t('Remaining')}</dt><dd data-testid="vacation-remaining">{days(v.remainingDays)}</dd>
      <dt>{t('Entitlement')}</dt><dd>{days(v.entitlementDays)}</dd>
      {v.carriedOverDays > 0 ? <><dt>{t('Carried over')}</dt><dd>{days(v.carriedOverDays)}</dd></> : null}
      <dt>{t('Taken')}</dt><dd>{days(v.takenDays)}</dd>
      <dt>{t('Planned')}</dt><dd>{days(v.plannedDays)}</dd>
    </dl>
  );
}
