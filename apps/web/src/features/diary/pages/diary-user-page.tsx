import { today as todayIn, type DiaryUserMonth } from '@workdiary/shared';
import { lazy, Suspense } from 'react';
import { useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { BalancePanel } from '../../../components/balance/balance-panel';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { MonthPicker } from '../../../components/month-picker';
import { NotFound } from '../../../components/not-found';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-client';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { importWithRetry } from '../../../lib/lazy-retry';
import { serverNow } from '../../../lib/server-clock';
import { downloadUserMonth } from '../api/exports';
import { useDiaryUserMonth } from '../api/get-user-month';
import { DayModal } from '../components/day-modal';
import { ExportButton } from '../../../components/export-button';
import { MonthClosePanel } from '../components/month-close-panel';
import { MonthDaysTable } from '../components/month-days-table';
import { MonthStats } from '../components/month-stats';
import { MonthWeekList } from '../components/month-week-list';
import { useDayParam, useMonthParam, useOpenLastMonthWithData } from '../hooks/use-month-param';
import { monthLabel } from '../lib/format';
import '../diary.css';
import { translate as t } from '../../../lib/i18n/i18n';

// A chunk that fails (server restarting, a new deployment) is retried; see lib/lazy-retry.
const MonthChart = lazy(() => importWithRetry(() => import('../components/month-chart')));

/** A user's month, day by day, with the chart, the totals and the day modal. Members: "My month". */
export function DiaryUserPage() {
  const { userId = '' } = useParams();
  const me = useCurrentUser();
  const isManager = hasRole(me, MANAGER_ROLES);
  const own = userId === me.id;
  const tz = me.organization.timeZone;
  const [month, setMonth, thisMonth] = useMonthParam();
  const [day, setDay] = useDayParam();
  const query = useDiaryUserMonth(userId, month);
  const data = query.data;
  useOpenLastMonthWithData(data ? { empty: data.totals.totalMinutes === 0 && !data.items.some((d) => d.running), latestMonth: data.latestMonth, month: data.month } : undefined);
  const today = todayIn(tz, new Date(serverNow()));

  if (query.isError && isApiError(query.error, 404)) {
    return <NotFound message={t('This person does not exist, or belongs to another organisation.')} />;
  }

  const name = data?.user.name ?? (own ? me.name : t('Work diary'));
  const title = own && !isManager ? t('My month') : name;
  const user = { id: userId, name };

  return (
    <>
      <PageHeader
        title={title}
        documentTitle={t('{title} · {value2}', { title, value2: monthLabel(month) })}
        back={isManager ? { to: `/diary?month=${month}`, label: t('Work diary') } : undefined}
        subtitle={
          <span className="row">
            {own && !isManager ? `${name} · ` : null}
            {monthLabel(month)}
            {data && !data.user.active ? <Badge tone="neutral">{t('Inactive')}</Badge> : null}
          </span>
        }
        actions={<UserMonthActions user={user} month={month} setMonth={setMonth} />}
      />

      {query.isError && !data ? (
        <Card>
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} title={t('Could not load this month')} />
        </Card>
      ) : (
        <>
          <MonthStats data={data} loading={query.isPending} month={month} thisMonth={thisMonth} tz={tz} />

          <BalancePanel userId={userId} month={month} canCorrect={isManager} />

          <MonthClosePanel month={month} userId={userId} own={own} isAdmin={me.role === 'ADMIN'} isManager={isManager} tz={tz} />

          <DailyHoursCard days={data?.items} today={today} onSelectDay={setDay} />

          <Card flush className="diary-days-card" title={t('Days')} actions={<span className="muted diary-hint">{t('Click a date to see its sessions')}</span>}>
            <MonthDaysTable
              days={data?.items}
              tz={tz}
              today={today}
              totals={data?.totals}
              loading={query.isPending}
              onOpenDay={setDay}
            />
            {/* On a phone: the days as a compact list in weeks, each with its total. */}
            <MonthWeekList days={data?.items} tz={tz} today={today} onOpenDay={setDay} />
          </Card>
        </>
      )}

      <DayModal
        user={user}
        date={day}
        tz={tz}
        canWrite={isManager || own}
        canAcknowledge={isManager}
        onClose={() => setDay(null)}
        onDateChange={setDay}
      />
    </>
  );
}

/** The month and its export. */
function UserMonthActions({ user, month, setMonth }: { user: { id: string; name: string }; month: string; setMonth: (month: string) => void }) {
  return (
    <>
      <MonthPicker value={month} onChange={setMonth} />
      <ExportButton onExport={() => downloadUserMonth(user, month)} label={t('Export month')}>{t('Export month')}</ExportButton>
    </>
  );
}

/** The month's hours per day as a chart (loaded on demand); a day opens its sessions. */
function DailyHoursCard({ days, today, onSelectDay }: { days: DiaryUserMonth['items'] | undefined; today: string; onSelectDay: (date: string) => void }) {
  return (
    <Card title={t('Daily hours')}>
      {days ? (
        <Suspense fallback={<div className="diary-chart diary-centered"><Spinner label={t('Loading chart…')} /></div>}>
          <MonthChart days={days} today={today} onSelectDay={onSelectDay} />
        </Suspense>
      ) : (
        <div className="diary-chart diary-centered"><Spinner label={t('Loading…')} /></div>
      )}
    </Card>
  );
}
