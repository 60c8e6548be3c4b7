import type { Customer } from '@workdiary/shared';
import type { ReactNode } from 'react';
import { Card } from '../../../components/card';
import { useFormat } from '../../../lib/format';
import { translate as t } from '../../../lib/i18n/i18n';

type CustomerContactProps = {
  customer: Customer;
  /** The timer's "At work" button and badge, rendered under the contact details. */
  renderAtWork?: (customer: Customer) => ReactNode;
};

/** The customer's contact details (email and phone as links), the hourly rate, and the At work slot. */
export function CustomerContact({ customer, renderAtWork }: CustomerContactProps) {
  const format = useFormat();
  return (
    <Card title={t('Contact details')} className="customer-contact">
      <dl className="customer-contact__list">
        <div>
          <dt>{t('Email')}</dt>
          <dd>{customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>{t('Phone')}</dt>
          <dd>{customer.phone ? <a href={`tel:${customer.phone.replace(/[^\d+]/g, '')}`}>{customer.phone}</a> : <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>{t('Address')}</dt>
          <dd className="customer-contact__address">{customer.address ?? <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>{t('Hourly rate')}</dt>
          <dd data-testid="customer-rate">
            {customer.hourlyRate === null
              ? <span className="muted">{t('Not billable')}</span>
              : t('{amount} / hour', { amount: format.money(customer.hourlyRate) })}
          </dd>
        </div>
      </dl>
      {renderAtWork ? <div className="customer-contact__at-work">{renderAtWork(customer)}</div> : null}
    </Card>
  );
}
