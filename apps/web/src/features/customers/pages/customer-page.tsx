import type { Customer } from '@workdiary/shared';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorState } from '../../../components/error-state';
import { PencilIcon } from '../../../components/icons';
import { NotFound } from '../../../components/not-found';
import { PageHeader } from '../../../components/page-header';
import { FullPageSpinner } from '../../../components/spinner';
import { TabPanel, Tabs } from '../../../components/tabs';
import { toast } from '../../../components/toast';
import { isApiError } from '../../../lib/api-client';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { useCustomer, useSaveCustomer } from '../api/customers';
import { CustomerContact } from '../components/customer-contact';
import { CustomerFormModal } from '../components/customer-form-modal';
import { WorkingTime } from '../components/working-time';
import '../customers.css';
import { translate as t } from '../../../lib/i18n/i18n';

export type CustomerPageProps = {
  /** The timer's "At work" button and badge, rendered under the contact details. */
  renderAtWork?: (customer: Customer) => ReactNode;
};

// A function: the labels follow the active language.
const tabs = () => [{ value: 'working-time', label: t('Working Time') }] as const;

/** One customer: name and contact details, the At work slot, and the Working Time side tab. */
export function CustomerPage({ renderAtWork }: CustomerPageProps = {}) {
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  if (customer.isPending) return <FullPageSpinner label={t('Loading customer…')} />;
  if (customer.isError) {
    if (isApiError(customer.error, 404)) return <NotFound message={t('This customer does not exist, or it belongs to another organisation.')} />;
    return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} retrying={customer.isFetching} title={t('Could not load this customer')} />;
  }
  return <CustomerView customer={customer.data} renderAtWork={renderAtWork} />;
}

function CustomerView({ customer, renderAtWork }: { customer: Customer; renderAtWork?: (customer: Customer) => ReactNode }) {
  const me = useCurrentUser();
  const canManage = hasRole(me, MANAGER_ROLES);
  const [tab, setTab] = useState<string>('working-time');
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const save = useSaveCustomer();

  const setArchived = (archived: boolean) =>
    save.mutate({ id: customer.id, body: { archived } }, {
      onSuccess: () => {
        toast.success(archived ? `“${customer.name}” archived` : `“${customer.name}” restored`);
        setArchiving(false);
      },
      onError: (error) => toast.error(error),
    });

  return (
    <>
      <PageHeader
        title={
          <span className="customer-name">
            {customer.name}
            {customer.archived ? <Badge tone="neutral">{t('Archived')}</Badge> : null}
          </span>
        }
        documentTitle={customer.name}
        back={{ to: '/customers', label: t('Customers') }}
        actions={canManage ? (
          <>
            <Button icon={<PencilIcon size={16} />} onClick={() => setEditing(true)}>{t('Edit')}</Button>
            {customer.archived ? (
              <Button onClick={() => setArchived(false)} loading={save.isPending} loadingText={t('Restoring…')}>{t('Restore')}</Button>
            ) : (
              <Button variant="ghost" onClick={() => setArchiving(true)}>{t('Archive')}</Button>
            )}
          </>
        ) : null}
      />
      <CustomerContact customer={customer} renderAtWork={renderAtWork} />
      <div className="customer-tabs">
        <Tabs id="customer" label={t('Customer sections')} orientation="vertical" items={tabs()} value={tab} onChange={setTab} />
        <TabPanel id="customer" value="working-time" current={tab} className="customer-tabs__panel">
          <Card title={t('Working Time')} flush>
            <WorkingTime customer={customer} />
          </Card>
        </TabPanel>
      </div>
      <CustomerFormModal open={editing} customer={customer} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={archiving}
        title={t('Archive customer?')}
        message={<p><strong>{customer.name}</strong> {t('leaves the customer list and pickers and takes no new work. Its entries and exports stay; you can restore it any time.')}</p>}
        confirmLabel={t('Archive')}
        loading={save.isPending}
        loadingText={t('Archiving…')}
        onCancel={() => setArchiving(false)}
        onConfirm={() => setArchived(true)}
      />
    </>
  );
}
