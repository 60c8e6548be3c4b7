import type { Customer } from '@workdiary/shared';
import { useId } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { MoneyField } from '../../../components/money-field';
import { TextAreaField, TextField } from '../../../components/text-field';
import { useCustomerForm } from '../hooks/use-customer-form';
import { translate as t } from '../../../lib/i18n/i18n';

export type CustomerFormModalProps = {
  open: boolean;
  onClose: () => void;
  /** Edit this customer; create a new one when absent. */
  customer?: Customer;
  onSaved?: (customer: Customer) => void;
};

export function CustomerFormModal(props: CustomerFormModalProps) {
  if (!props.open) return null;
  return <CustomerFormDialog {...props} />;
}

function CustomerFormDialog({ onClose, customer, onSaved }: CustomerFormModalProps) {
  const formId = useId();
  const { values, errors, set, submit, close, saving, currency, locale } = useCustomerForm({ onClose, customer, onSaved });

  return (
    <Modal
      open
      title={customer ? t('Edit customer') : t('New customer')}
      onClose={close}
      closeOnBackdrop={false}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={saving}>{t('Cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={saving} loadingText={t('Saving…')}>
            {customer ? t('Save') : t('Add customer')}
          </Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
        <TextField label={t('Name')} required maxLength={200} value={values.name} onChange={set('name')} error={errors.name} autoFocus />
        <div className="form-grid">
          <TextField label={t('Email')} type="email" maxLength={254} value={values.email} onChange={set('email')} error={errors.email} />
          <TextField label={t('Phone')} type="tel" maxLength={60} value={values.phone} onChange={set('phone')} error={errors.phone} />
        </div>
        <TextAreaField label={t('Address')} rows={3} maxLength={500} value={values.address} onChange={set('address')} error={errors.address} />
        <MoneyField
          label={t('Hourly rate')}
          currency={currency}
          locale={locale}
          unit={t('/ h')}
          className="customer-form__rate"
          value={values.hourlyRate}
          onChange={set('hourlyRate')}
          error={errors.hourlyRate}
          placeholder={t('Not billable')}
          hint={t('What an hour for this customer is billed at, in {currency}. Leave it empty when the time is not billed.', { currency })}
        />
      </form>
    </Modal>
  );
}
