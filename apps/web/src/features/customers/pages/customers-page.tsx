import type { Customer, CustomerList } from '@workdiary/shared';
import { useState } from 'react';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { DataTable } from '../../../components/data-table';
import { PlusIcon } from '../../../components/icons';
import { PageHeader } from '../../../components/page-header';
import { toast } from '../../../components/toast';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { useSaveCustomer } from '../api/customers';
import { ArchiveCustomerDialog } from '../components/archive-customer-dialog';
import { customerColumns } from '../components/customer-columns';
import { CustomerFormModal } from '../components/customer-form-modal';
import { CustomersToolbar } from '../components/customers-toolbar';
import { Pager } from '../components/pager';
import { CUSTOMERS_PAGE_SIZE, useCustomersList } from '../hooks/use-customers-list';
import '../customers.css';
import { formatNumber } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

export { CUSTOMERS_PAGE_SIZE } from '../hooks/use-customers-list';

/** How many customers the list holds: matching the search, in all (with archived) or active. */
function subtitleOf(data: CustomerList | undefined, q: string, showArchived: boolean): string | undefined {
  if (!data) return undefined;
  if (q) return t('{count} matching', { count: formatNumber(data.total) });
  return showArchived ? t('{count} in all', { count: formatNumber(data.total) }) : t('{count} active', { count: formatNumber(data.total) });
}

/** All customers: search as you type (server-side), a page at a time; managers add, edit and archive. */
export function CustomersPage() {
  const me = useCurrentUser();
  const canManage = hasRole(me, MANAGER_ROLES);
  const list = useCustomersList();
  const { q, customers } = list;
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Customer | null>(null);
  const save = useSaveCustomer();
  const data = customers.data;

  const restore = (c: Customer) => save.mutate({ id: c.id, body: { archived: false } }, {
    onSuccess: () => toast.success(`“${c.name}” restored`),
    onError: (e) => toast.error(e),
  });
  const columns = customerColumns({ canManage, saving: save.isPending, onEdit: setEditing, onArchive: setArchiving, onRestore: restore });

  return (
    <>
      <PageHeader
        title={t('Customers')}
        subtitle={subtitleOf(data, q, list.showArchived)}
        actions={canManage ? <Button variant="primary" icon={<PlusIcon size={16} />} onClick={() => setEditing('new')}>{t('New customer')}</Button> : null}
      />
      <Card flush>
        <CustomersToolbar list={list} canManage={canManage} />
        <DataTable
          caption={t('Customers')}
          columns={columns}
          rows={data?.items}
          rowKey={(c) => c.id}
          loading={customers.isPending}
          error={customers.error}
          onRetry={() => void customers.refetch()}
          emptyTitle={q ? t('No customer matches “{q}”', { q }) : t('No customers yet')}
          emptyMessage={q ? t('Try part of the name, an email address or a phone number.') : canManage ? t('Add the first customer to start tracking time for it.') : t('A manager adds customers.')}
          emptyAction={!q && canManage ? <Button variant="primary" onClick={() => setEditing('new')}>{t('New customer')}</Button> : undefined}
          rowClassName={(c) => (c.archived ? 'customers-row--archived' : undefined)}
        />
        {data ? (
          <div className="customers-footer">
            <Pager total={data.total} limit={CUSTOMERS_PAGE_SIZE} offset={list.offset} onChange={list.setOffset} noun={t('customers')} busy={customers.isFetching} />
          </div>
        ) : null}
      </Card>
      <CustomerFormModal open={editing !== null} customer={editing === 'new' ? undefined : editing ?? undefined} onClose={() => setEditing(null)} />
      <ArchiveCustomerDialog customer={archiving} save={save} onClose={() => setArchiving(null)} />
    </>
  );
}
