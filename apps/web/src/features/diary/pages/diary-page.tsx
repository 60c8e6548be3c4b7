import { useState, type ReactNode } from 'react';
import type { DiaryUserRow } from '@workdiary/shared';
import { Link, Navigate } from 'react-router';
import { signedHours } from '../../../components/balance/balance-api';
import '../../../components/balance/balance.css';
import { Badge } from '../../../components/badge';
import { Card } from '../../../components/card';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { MonthPicker } from '../../../components/month-picker';
import { PageHeader } from '../../../components/page-header';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { downloadCompliance, downloadPayroll } from '../api/exports';
import { useDiaryOverview } from '../api/get-overview';
import { useMonthStates } from '../api/months';
import { ApproveMonthBar } from '../components/approve-month-bar';
import { ExportButton } from '../../../components/export-button';
import { DatevExportButton } from '../components/datev-export-button';
import { MonthStatusBadge } from '../components/month-status-badge';
import { useMonthParam, useOpenLastMonthWithData } from '../hooks/use-month-param';
import { hours, money, monthLabel } from '../lib/format';
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

  const columns: DataTableColumn<DiaryUserRow>[] = [
    {
      key: 'select',
      header: <span className="visually-hidden">{t('Select')}</span>,
      width: '1%',
      cell: (r) => (
        <input type="checkbox" aria-label={t('Select {name}', { name: r.name })} checked={selected.includes(r.userId)} onChange={() => toggle(r.userId)} />
      ),
    },
    {
      key: 'name',
      header: t('Name'),
      rowHeader: true,
      sortValue: (r) => r.name.toLocaleLowerCase(),
      cell: (r) => (
        <span className="row">
          <Link to={`/diary/${encodeURIComponent(r.userId)}?month=${month}`} className="diary-user-link">{r.name}</Link>
          {r.active ? null : <Badge tone="neutral" title={t('Deactivated; listed because of entries this month')}>{t('Inactive')}</Badge>}
        </span>
      ),
      footer: t('Total ({count, plural, one {# person} other {# people}})', { count: data?.items.length ?? 0 }),
    },
    {
      key: 'state',
      header: t('Month'),
      sortValue: (r) => stateOf.get(r.userId) ?? 'OPEN',
      cell: (r) => (states.isPending ? <span className="muted">…</span> : <MonthStatusBadge status={stateOf.get(r.userId) ?? 'OPEN'} />),
    },
    {
      key: 'total',
      header: t('Total Hours'),
      align: 'right',
      sortValue: (r) => r.totalMinutes,
      cell: (r) => hours(r.totalMinutes),
      footer: data ? <span data-testid="overview-total">{hours(data.totals.totalMinutes)}</span> : undefined,
    },
    {
      key: 'extra',
      header: t('Extra Hours'),
      align: 'right',
      sortValue: (r) => r.extraMinutes,
      cell: (r) => (r.extraMinutes > 0 ? <strong className="diary-extra">{hours(r.extraMinutes)}</strong> : hours(0)),
      footer: data ? <span data-testid="overview-extra">{hours(data.totals.extraMinutes)}</span> : undefined,
    },
    {
      key: 'balance',
      header: t('Balance'),
      align: 'right',
      sortValue: (r) => r.balanceMinutes ?? 0,
      cell: (r) => <span className={(r.balanceMinutes ?? 0) < 0 ? 'diary-negative' : undefined} data-testid={`overview-balance-${r.userId}`}>{signedHours(r.balanceMinutes ?? 0)}</span>,
    },
    {
      key: 'violations',
      header: <span title={t('Working-time law: findings this month')}>{t('ArbZG')}</span>,
      align: 'right',
      sortValue: (r) => r.violations ?? 0,
      cell: (r) => ((r.violations ?? 0) > 0
        ? <Badge tone="danger" title={t('Working-time law: findings this month')}><span data-testid={`overview-violations-${r.userId}`}>{r.violations}</span></Badge>
        : <span className="muted" data-testid={`overview-violations-${r.userId}`}>0</span>),
    },
    {
      key: 'salary',
      header: t('Salary'),
      align: 'right',
      sortValue: (r) => r.salary,
      cell: (r) => money(r.salary, currency),
      footer: data ? <span data-testid="overview-salary">{money(data.totals.salary, currency)}</span> : undefined,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('Work diary')}
        subtitle={(month === thisMonth ? t('Hours and salaries for {month} (this month so far)', { month: monthLabel(month) }) : t('Hours and salaries for {month}', { month: monthLabel(month) }))}
        actions={
          <>
            <MonthPicker value={month} onChange={setMonth} />
            <ExportButton onExport={() => downloadPayroll(month)} label={t('Export payroll')}>{t('Export payroll')}</ExportButton>
            <DatevExportButton month={month} />
            <ExportButton onExport={() => downloadCompliance(month)} label={t('Export ArbZG findings')}>{t('ArbZG findings')}</ExportButton>
          </>
        }
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
