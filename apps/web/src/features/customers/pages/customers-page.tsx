import type { Customer } from '@workdiary/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Checkbox } from '../../../components/checkbox';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { IconButton } from '../../../components/icon-button';
import { PencilIcon, PlusIcon, SearchIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { useCustomers, useSaveCustomer } from '../api/customers';
import { CustomerFormModal } from '../components/customer-form-modal';
import { Pager } from '../components/pager';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import '../customers.css';

export const CUSTOMERS_PAGE_SIZE = 50;

/** All customers: search as you type (server-side), a page at a time; managers add, edit and archive. */
export function CustomersPage() {
  const me = useCurrentUser();
  const canManage = hasRole(me, MANAGER_ROLES);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const [offset, setOffset] = useState(0);
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Customer | null>(null);
  const save = useSaveCustomer();
  // A new search or filter starts at the first page.
  const [lastQuery, setLastQuery] = useState({ q, showArchived });
  if (lastQuery.q !== q || lastQuery.showArchived !== showArchived) {
    setLastQuery({ q, showArchived });
    setOffset(0);
  }
  const customers = useCustomers({ q: q || undefined, limit: CUSTOMERS_PAGE_SIZE, offset, includeArchived: showArchived });
  const data = customers.data;

  const columns: DataTableColumn<Customer>[] = [
    {
      key: 'name',
      header: 'Name',
      rowHeader: true,
      cell: (c) => (
        <span className="customer-name">
          <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
          {c.archived ? <Badge tone="neutral">Archived</Badge> : null}
        </span>
      ),
    },
    { key: 'email', header: 'Email', cell: (c) => c.email ?? <span className="muted">—</span> },
    { key: 'phone', header: 'Phone', cell: (c) => c.phone ?? <span className="muted">—</span> },
    { key: 'address', header: 'Address', cell: (c) => <span className="customer-address">{c.address ?? <span className="muted">—</span>}</span> },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'right',
      width: '1%',
      cell: (c) => (
        <span className="row customers-actions">
          <IconButton label={`Edit ${c.name}`} tone="edit" size="sm" icon={<PencilIcon size={16} />} onClick={() => setEditing(c)} />
          {c.archived ? (
            <Button size="sm" variant="ghost" onClick={() => save.mutate({ id: c.id, body: { archived: false } }, {
              onSuccess: () => toast.success(`“${c.name}” restored`),
              onError: (e) => toast.error(e),
            })} disabled={save.isPending}>Restore</Button>
          ) : (
            <Button size="sm" variant="ghost" onClick={() => setArchiving(c)}>Archive</Button>
          )}
        </span>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="Customers"
        subtitle={data ? `${new Intl.NumberFormat('en-GB').format(data.total)} ${q ? 'matching' : showArchived ? 'in all' : 'active'}` : undefined}
        actions={canManage ? <Button variant="primary" icon={<PlusIcon size={16} />} onClick={() => setEditing('new')}>New customer</Button> : null}
      />
      <Card flush>
        <div className="customers-toolbar">
          <div className="customers-search">
            <SearchIcon size={16} className="customers-search__icon" aria-hidden="true" />
            <TextField
              type="search"
              label="Search customers"
              hideLabel
              placeholder="Search by name, email or phone…"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              autoComplete="off"
            />
          </div>
          {canManage ? <Checkbox label="Show archived" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} /> : null}
          {customers.isFetching && !customers.isPending ? <span className="muted customers-toolbar__busy" role="status">Searching…</span> : null}
        </div>
        <DataTable
          caption="Customers"
          columns={columns}
          rows={data?.items}
          rowKey={(c) => c.id}
          loading={customers.isPending}
          error={customers.error}
          onRetry={() => void customers.refetch()}
          emptyTitle={q ? `No customer matches “${q}”` : 'No customers yet'}
          emptyMessage={q ? 'Try part of the name, an email address or a phone number.' : canManage ? 'Add the first customer to start tracking time for it.' : 'A manager adds customers.'}
          emptyAction={!q && canManage ? <Button variant="primary" onClick={() => setEditing('new')}>New customer</Button> : undefined}
          rowClassName={(c) => (c.archived ? 'customers-row--archived' : undefined)}
        />
        {data ? (
          <div className="customers-footer">
            <Pager total={data.total} limit={CUSTOMERS_PAGE_SIZE} offset={offset} onChange={setOffset} noun="customers" busy={customers.isFetching} />
          </div>
        ) : null}
      </Card>
      <CustomerFormModal open={editing !== null} customer={editing === 'new' ? undefined : editing ?? undefined} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={archiving !== null}
        title="Archive customer?"
        message={
          <p>
            <strong>{archiving?.name}</strong> leaves the customer list and pickers and takes no new work. Its entries and exports stay; you can restore it any time.
          </p>
        }
        confirmLabel="Archive"
        loading={save.isPending}
        loadingText="Archiving…"
        onCancel={() => setArchiving(null)}
        onConfirm={() => {
          if (!archiving) return;
          save.mutate({ id: archiving.id, body: { archived: true } }, {
            onSuccess: () => {
              toast.success(`“${archiving.name}” archived`);
              setArchiving(null);
            },
            onError: (e) => toast.error(e),
          });
        }}
      />
    </>
  );
}
