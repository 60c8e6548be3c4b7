import type { UserListItem } from '@workdiary/shared';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { IconButton } from '../../../components/icon-button';
import { GearIcon, PencilIcon, PlusIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { roleLabel, useCurrentUser } from '../../../lib/current-user';
import { useUpdateUser, useUsers } from '../api/users';
import { formatSince } from '../components/at-work-table';
import { UserFormModal } from '../components/user-form-modal';
import '../components/users.css';
import { formatPay } from '../lib/pay';

/** Users administration (admins): who works here, their role and pay, and who is at work now. */
export function UsersPage() {
  const me = useCurrentUser();
  const { currency, timeZone } = me.organization;
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const users = useUsers(q);
  const [editing, setEditing] = useState<UserListItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [toggling, setToggling] = useState<UserListItem | null>(null);
  const update = useUpdateUser();

  const confirmToggle = () => {
    if (!toggling) return;
    const activate = !toggling.active;
    update.mutate({ id: toggling.id, patch: { active: activate } }, {
      onSuccess: (saved) => {
        toast.success(activate ? `${saved.name} can sign in again.` : `${saved.name} was deactivated.`);
        setToggling(null);
        update.reset();
      },
    });
  };

  const columns: Array<DataTableColumn<UserListItem>> = [
    {
      key: 'name',
      header: 'Name',
      rowHeader: true,
      sortValue: (u) => u.name,
      cell: (u) => (
        <span className="users-cell__name">
          {u.name}
          {u.id === me.id ? <Badge tone="info">You</Badge> : null}
        </span>
      ),
    },
    { key: 'email', header: 'Email', sortValue: (u) => u.email, cell: (u) => u.email },
    {
      key: 'role',
      header: 'Role',
      sortValue: (u) => u.role,
      cell: (u) => <Badge tone={u.role === 'ADMIN' ? 'info' : u.role === 'MANAGER' ? 'warning' : 'neutral'}>{roleLabel(u.role)}</Badge>,
    },
    {
      key: 'pay',
      header: 'Pay',
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
      header: 'Active',
      sortValue: (u) => (u.active ? 0 : 1),
      cell: (u) => (u.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>),
    },
    {
      key: 'atWork',
      header: 'At work now',
      sortValue: (u) => (u.atWork ? u.atWork.since : null),
      cell: (u) =>
        u.atWork ? (
          <Badge tone="success" dot="pulse">
            {u.atWork.customerName} · since {formatSince(u.atWork.since, timeZone, Date.now())}
          </Badge>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'right',
      cell: (u) => (
        <span className="users-cell__actions">
          <IconButton label={`Edit ${u.name}`} icon={<PencilIcon size={16} />} tone="edit" size="sm" onClick={() => setEditing(u)} />
          {u.id === me.id ? null : (
            <Button size="sm" variant={u.active ? 'secondary' : 'primary'} onClick={() => setToggling(u)}>
              {u.active ? 'Deactivate' : 'Reactivate'}
            </Button>
          )}
        </span>
      ),
    },
  ];

  const count = users.data?.length;
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Everyone who can sign in to your organisation: role, pay and who is at work now."
        actions={
          <>
            <Link to="/settings/organization" className="btn btn--secondary">
              <GearIcon size={16} /> Organisation
            </Link>
            <Button variant="primary" icon={<PlusIcon size={16} />} onClick={() => setAdding(true)}>Add user</Button>
          </>
        }
      />
      <Card flush>
        <div className="users-toolbar" style={{ padding: 'var(--space-4) var(--space-5) 0' }}>
          <TextField
            label="Search users"
            hideLabel
            type="search"
            placeholder="Search by name or email"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span className="muted" aria-live="polite">
            {count === undefined ? 'Loading…' : `${count} ${count === 1 ? 'user' : 'users'}${q ? ` matching “${q}”` : ''}`}
          </span>
        </div>
        <DataTable
          caption="Users"
          columns={columns}
          rows={users.data}
          rowKey={(u) => u.id}
          loading={users.isPending}
          error={users.error}
          onRetry={() => void users.refetch()}
          emptyTitle={q ? 'No user matches your search' : 'No users yet'}
          emptyMessage={q ? 'Try another name or email address.' : 'Add the people who track their time here.'}
          rowClassName={(u) => (u.active ? undefined : 'users-row--inactive')}
        />
      </Card>

      <UserFormModal open={adding} onClose={() => setAdding(false)} currency={currency} />
      <UserFormModal open={editing !== null} onClose={() => setEditing(null)} user={editing ?? undefined} currency={currency} />
      <ConfirmDialog
        open={toggling !== null}
        title={toggling?.active ? `Deactivate ${toggling.name}?` : `Reactivate ${toggling?.name ?? ''}?`}
        message={
          <>
            {toggling?.active ? (
              <p>
                They can no longer sign in and their open sessions end.
                {toggling.atWork ? ` Their running timer (${toggling.atWork.customerName}) is stopped now, with a note saying why.` : ''}{' '}
                Their history stays in every report.
              </p>
            ) : (
              <p>They can sign in again with their password.</p>
            )}
            {update.error ? <div className="form-alert" role="alert">{getErrorMessage(update.error)}</div> : null}
          </>
        }
        confirmLabel={toggling?.active ? 'Deactivate' : 'Reactivate'}
        tone={toggling?.active ? 'danger' : 'primary'}
        loading={update.isPending}
        loadingText={toggling?.active ? 'Deactivating…' : 'Reactivating…'}
        onConfirm={confirmToggle}
        onCancel={() => {
          setToggling(null);
          update.reset();
        }}
      />
    </>
  );
}
