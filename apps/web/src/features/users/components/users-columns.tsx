import type { UserListItem } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import type { DataTableColumn } from '../../../components/data-table';
import { IconButton } from '../../../components/icon-button';
import { PencilIcon } from '../../../components/icons';
import { roleLabel } from '../../../lib/current-user';
import { translate as t } from '../../../lib/i18n/i18n';
import { formatPay } from '../lib/pay';
import { formatSince } from './at-work-table';

export type UsersColumnsInput = {
  /** The signed-in user: marked "You", and not offered Deactivate. */
  meId: string;
  currency: string;
  timeZone: string;
  onEdit: (u: UserListItem) => void;
  onToggle: (u: UserListItem) => void;
};

/** The users table's columns: name, email, role, pay, active, at work now, actions (edit, deactivate/reactivate). */
export function usersColumns({ meId, currency, timeZone, onEdit, onToggle }: UsersColumnsInput): Array<DataTableColumn<UserListItem>> {
  return [
    {
      key: 'name',
      header: t('Name'),
      rowHeader: true,
      sortValue: (u) => u.name,
      cell: (u) => (
        <span className="users-cell__name">
          {u.name}
          {u.id === meId ? <Badge tone="info">{t('You')}</Badge> : null}
        </span>
      ),
    },
    { key: 'email', header: t('Email'), sortValue: (u) => u.email, cell: (u) => u.email },
    {
      key: 'role',
      header: t('Role'),
      sortValue: (u) => u.role,
      cell: (u) => <Badge tone={u.role === 'ADMIN' ? 'info' : u.role === 'MANAGER' ? 'warning' : 'neutral'}>{roleLabel(u.role)}</Badge>,
    },
    {
      key: 'pay',
      header: t('Pay'),
      align: 'right',
      cell: (u) => {
        const pay = formatPay(u.pay, currency);
        return (
          <span className="tabular users-cell__pay">
            {pay.amount}
            <span className="users-cell__sub">{pay.overtime}</span>
          </span>
        );
      },
    },
    {
      key: 'active',
      header: t('Active'),
      sortValue: (u) => (u.active ? 0 : 1),
      cell: (u) => (u.active ? <Badge tone="success">{t('Active')}</Badge> : <Badge tone="neutral">{t('Inactive')}</Badge>),
    },
    {
      key: 'atWork',
      header: t('At work now'),
      sortValue: (u) => (u.atWork ? u.atWork.since : null),
      cell: (u) =>
        u.atWork ? (
          <Badge tone="success" dot="pulse">
            {u.atWork.customerName} {t('· since')} {formatSince(u.atWork.since, timeZone, Date.now())}
          </Badge>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('Actions')}</span>,
      align: 'right',
      cell: (u) => (
        <span className="users-cell__actions">
          <IconButton label={t('Edit {name}', { name: u.name })} icon={<PencilIcon size={16} />} tone="edit" size="sm" onClick={() => onEdit(u)} />
          {u.id === meId ? null : (
            <Button size="sm" variant={u.active ? 'secondary' : 'primary'} onClick={() => onToggle(u)}>
              {u.active ? t('Deactivate') : t('Reactivate')}
            </Button>
          )}
        </span>
      ),
    },
  ];
}
