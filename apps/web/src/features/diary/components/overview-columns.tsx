import type { DiaryOverview, DiaryUserRow, MonthStatus } from '@workdiary/shared';
import { Link } from 'react-router';
import { signedHours } from '../../../components/balance/balance-api';
import { Badge } from '../../../components/badge';
import type { DataTableColumn } from '../../../components/data-table';
import { translate as t } from '../../../lib/i18n/i18n';
import { hours, money } from '../lib/format';
import { MonthStatusBadge } from './month-status-badge';

type Options = {
  month: string;
  /** The overview (undefined while it loads): the footers' totals. */
  data: DiaryOverview | undefined;
  currency: string;
  /** Each user's month state this month; `statesPending` while they load. */
  stateOf: Map<string, MonthStatus>;
  statesPending: boolean;
  selected: readonly string[];
  toggle: (userId: string) => void;
};

/** The work diary's columns: select, Name, Month, Total, Extra, Balance, ArbZG, Salary. */
export function overviewColumns(options: Options): DataTableColumn<DiaryUserRow>[] {
  return [...peopleColumns(options), ...figureColumns(options)];
}

/** Who: the checkbox, the name (to their month) and the month's state. */
function peopleColumns({ month, data, stateOf, statesPending, selected, toggle }: Options): DataTableColumn<DiaryUserRow>[] {
  return [
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
      cell: (r) => (statesPending ? <span className="muted">…</span> : <MonthStatusBadge status={stateOf.get(r.userId) ?? 'OPEN'} />),
    },
  ];
}

/** The month's figures: hours, extra hours, balance, ArbZG findings and salary. */
function figureColumns({ data, currency }: Options): DataTableColumn<DiaryUserRow>[] {
  return [
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
}
