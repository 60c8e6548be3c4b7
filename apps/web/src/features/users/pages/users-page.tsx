import type { UserListItem } from '@workdiary/shared';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { GearIcon, PlusIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { useUpdateUser, useUsers } from '../api/users';
import { UserFormModal } from '../components/user-form-modal';
import '../components/users.css';
import { usersColumns } from '../components/users-columns';
import { translate as t } from '../../../lib/i18n/i18n';

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
  const columns = usersColumns({ meId: me.id, currency, timeZone, onEdit: setEditing, onToggle: setToggling });

  const count = users.data?.length;
  return (
    <>
      <PageHeader
        title={t('Users')}
        subtitle={t('Everyone who can sign in to your organisation: role, pay and who is at work now.')}
        actions={
          <>
            <Link to="/settings/organization" className="btn btn--secondary">
              <GearIcon size={16} /> {t('Organisation')}
            </Link>
            <Button variant="primary" icon={<PlusIcon size={16} />} onClick={() => setAdding(true)}>{t('Add user')}</Button>
          </>
        }
      />
      <Card flush>
        <div className="users-toolbar" style={{ padding: 'var(--space-4) var(--space-5) 0' }}>
          <TextField
            label={t('Search users')}
            hideLabel
            type="search"
            placeholder={t('Search by name or email')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span className="muted" aria-live="polite">
            {count === undefined ? t('Loading…') : q ? t('{count, plural, one {# user} other {# users}} matching “{q}”', { count, q }) : t('{count, plural, one {# user} other {# users}}', { count })}
          </span>
        </div>
        <DataTable
          caption={t('Users')}
          columns={columns}
          rows={users.data}
          rowKey={(u) => u.id}
          loading={users.isPending}
          error={users.error}
          onRetry={() => void users.refetch()}
          emptyTitle={q ? t('No user matches your search') : t('No users yet')}
          emptyMessage={q ? t('Try another name or email address.') : t('Add the people who track their time here.')}
          rowClassName={(u) => (u.active ? undefined : 'users-row--inactive')}
        />
      </Card>

      <UserFormModal open={adding} onClose={() => setAdding(false)} currency={currency} />
      <UserFormModal open={editing !== null} onClose={() => setEditing(null)} user={editing ?? undefined} currency={currency} />
      <ToggleActiveDialog toggling={toggling} onDone={() => setToggling(null)} />
    </>
  );
}

/** Deactivate (sign-in ends, a running timer is stopped) or reactivate a user, after asking. */
function ToggleActiveDialog({ toggling, onDone }: { toggling: UserListItem | null; onDone: () => void }) {
  const update = useUpdateUser();
  const confirmToggle = () => {
    if (!toggling) return;
    const activate = !toggling.active;
    update.mutate({ id: toggling.id, patch: { active: activate } }, {
      onSuccess: (saved) => {
        toast.success(activate ? t('{name} can sign in again.', { name: saved.name }) : t('{name} was deactivated.', { name: saved.name }));
        onDone();
        update.reset();
      },
    });
  };
  return (
    <ConfirmDialog
      open={toggling !== null}
      title={toggling?.active ? t('Deactivate {name}?', { name: toggling.name }) : t('Reactivate {value1}?', { value1: toggling?.name ?? '' })}
      message={
        <>
          {toggling?.active ? (
            <p>
              {t('They can no longer sign in and their open sessions end.')}
              {toggling.atWork ? t(' Their running timer ({customerName}) is stopped now, with a note saying why.', { customerName: toggling.atWork.customerName }) : ''}{' '}
              {t('Their history stays in every report.')}
            </p>
          ) : (
            <p>{t('They can sign in again with their password.')}</p>
          )}
          {update.error ? <div className="form-alert" role="alert">{getErrorMessage(update.error)}</div> : null}
        </>
      }
      confirmLabel={toggling?.active ? t('Deactivate') : t('Reactivate')}
      tone={toggling?.active ? 'danger' : 'primary'}
      loading={update.isPending}
      loadingText={toggling?.active ? t('Deactivating…') : t('Reactivating…')}
      onConfirm={confirmToggle}
      onCancel={() => {
        onDone();
        update.reset();
      }}
    />
  );
}
