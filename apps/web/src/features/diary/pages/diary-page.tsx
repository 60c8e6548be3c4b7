import { useState, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import '../../../components/balance/balance.css';
import { Card } from '../../../components/card';
import { DataTable } from '../../../components/data-table';
import { MonthPicker } from '../../../components/month-picker';
import { PageHeader } from '../../../components/page-header';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { downloadCompliance, downloadPayroll } from '../api/exports';
import { useDiaryOverview } from '../api/get-overview';
import { useMonthStates } from '../api/months';
import { ApproveMonthBar } from '../components/approve-month-bar';
import { ExportButton } from '../../../components/export-button';
import { DatevExportButton } from '../components/datev-export-button';
import { overviewColumns } from '../components/overview-columns';
import { useMonthParam, useOpenLastMonthWithData } from '../hooks/use-month-param';
import { monthLabel } from '../lib/format';
import '../diary.css';
import { translate as t } from '../../../lib/i18n/i18n';

/** Work diary: users × month (Total, Extra, Salary). Members go to their own month. */
/** `aside` is composed by the app layer (the live "At work now" list lives in another feature). */
export function DiaryPage({ aside }: { aside?: ReactNode } = {}) {
  const me = useCurrentUser();
  if (!hasRole(me, MANAGER_ROLES)) return <Navigate to={`/diary/${encodeURIComponent(me.id)}`} replace />;
  return <DiaryOverviewPage aside={aside} />;
}

function DiaryOverviewPage({ aside }: { aside?: ReactNode }) {
  const [month, setMonth, thisMonth] = useMonthParam();
  const overview = useDiaryOverview(month);
  const data = overview.data;
  useOpenLastMonthWithData(data ? { empty: data.totals.totalMinutes === 0, latestMonth: data.latestMonth, month: data.month } : undefined);
  const currency = data?.currency ?? 'EUR';
  const showingMonth = data?.month === month;
  const states = useMonthStates(month);
  const stateOf = new Map((states.data?.month === month ? states.data.items : []).map((s) => [s.userId, s.status]));
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (userId: string) => setSelected((s) => (s.includes(userId) ? s.filter((id) => id !== userId) : [...s, userId]));

  const columns = overviewColumns({ month, data, currency, stateOf, statesPending: states.isPending, selected, toggle });

  return (
    <>
      <PageHeader
        title={t('Work diary')}
        subtitle={(month === thisMonth ? t('Hours and salaries for {month} (this month so far)', { month: monthLabel(month) }) : t('Hours and salaries for {month}', { month: monthLabel(month) }))}
        actions={<OverviewActions month={month} setMonth={setMonth} />}
      />
      {states.isError ? <p className="muted">{t('Month states could not be loaded.')}</p> : null}
      <ApproveMonthBar month={month} thisMonth={thisMonth} states={states.data?.month === month ? states.data.items : undefined} selected={selected} onApproved={() => setSelected([])} />
      <Card flush>
        <DataTable
          caption={t('Users for {value1}', { value1: monthLabel(month) })}
          columns={columns}
          rows={data?.items}
          rowKey={(r) => r.userId}
          loading={overview.isPending}
          error={overview.isError && !data ? overview.error : undefined}
          onRetry={() => void overview.refetch()}
          defaultSort={{ key: 'name', direction: 'asc' }}
          emptyTitle={t('Nobody to show')}
          emptyMessage={t('There are no active users in this organisation yet.')}
          className={overview.isFetching && !showingMonth ? 'diary-table--refreshing' : undefined}
        />
      </Card>
      <p className="muted diary-footnote">
        {t('Finished sessions only: a running timer counts once it stops. Salaries in {currency}, before taxes; extra hours are paid with each person’s overtime factor.', { currency })}
        {data?.items.some((i) => i.frozenAt !== null) ? ` ${t('Approved months show the figures they were approved with; later changes to pay or rules do not move them.')}` : null}
      </p>
      {aside ? <div className="diary-aside">{aside}</div> : null}
    </>
  );
}

/** The month and the exports: payroll, DATEV, the ArbZG findings. */
function OverviewActions({ month, setMonth }: { month: string; setMonth: (month: string) => void }) {
  return (
    <>
      <MonthPicker value={month} onChange={setMonth} />
      <ExportButton onExport={() => downloadPayroll(month)} label={t('Export payroll')}>{t('Export payroll')}</ExportButton>
      <DatevExportButton month={month} />
      <ExportButton onExport={() => downloadCompliance(month)} label={t('Export ArbZG findings')}>{t('ArbZG findings')}</ExportButton>
    </>
  );
}
