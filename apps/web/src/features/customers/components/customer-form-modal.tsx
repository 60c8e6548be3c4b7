import { CustomerBodySchema, type Customer } from '@workdiary/shared';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { formatMoneyInput, MoneyField, parseMoney } from '../../../components/money-field';
import { TextAreaField, TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useSaveCustomer } from '../api/customers';
import { translate as t } from '../../../lib/i18n/i18n';

type Field = 'name' | 'email' | 'phone' | 'address' | 'hourlyRate';
const FIELDS: readonly string[] = ['name', 'email', 'phone', 'address', 'hourlyRate'];
type Errors = Partial<Record<Field | 'form', string>>;

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
  const save = useSaveCustomer();
  // The rate is typed in the organisation's currency, read in the reader's locale ('85,50' in German).
  const { currency, locale } = useFormat();
  const [values, setValues] = useState<Record<Field, string>>({
    name: customer?.name ?? '',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    address: customer?.address ?? '',
    hourlyRate: formatMoneyInput(customer?.hourlyRate ?? null, currency, locale),
  });
  const [errors, setErrors] = useState<Errors>({});

  const set = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const rate = parseMoney(values.hourlyRate, currency, locale);
    const body = { name: values.name, email: values.email, phone: values.phone, address: values.address, hourlyRate: rate.ok ? rate.minor : null };
    const parsed = CustomerBodySchema.safeParse(body);
    if (!parsed.success || !rate.ok) {
      const next: Errors = rate.ok ? {} : { hourlyRate: rate.message };
      for (const issue of parsed.error?.issues ?? []) {
        const field = issue.path[0] as Field;
        next[field] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    save.mutate(
      { id: customer?.id, body },
      {
        onSuccess: (saved) => {
          toast.success(customer ? t('Customer saved') : t('Customer “{name}” added', { name: saved.name }));
          onSaved?.(saved);
          onClose();
        },
        onError: (error) => {
          const issues = isApiError(error, 'VALIDATION_ERROR') ? (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues : undefined;
          const next: Errors = {};
          for (const issue of issues ?? []) {
            const field = issue.path.replace(/^body\./, '');
            if (FIELDS.includes(field)) next[field as Field] ??= issue.message;
          }
          setErrors(Object.keys(next).length ? next : { form: getErrorMessage(error) });
        },
      },
    );
  }

  const close = () => {
    if (!save.isPending) onClose();
  };

  return (
    <Modal
      open
      title={customer ? t('Edit customer') : t('New customer')}
      onClose={close}
      closeOnBackdrop={false}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={save.isPending}>{t('Cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={save.isPending} loadingText={t('Saving…')}>
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
