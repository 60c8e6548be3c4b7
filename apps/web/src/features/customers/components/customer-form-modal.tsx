import { CustomerBodySchema, type Customer } from '@workdiary/shared';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { TextAreaField, TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useSaveCustomer } from '../api/customers';
import { translate as t } from '../../../lib/i18n/i18n';

type Field = 'name' | 'email' | 'phone' | 'address';
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
  const [values, setValues] = useState<Record<Field, string>>({
    name: customer?.name ?? '',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    address: customer?.address ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});

  const set = (field: Field) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setErrors((e) => ({ ...e, [field]: undefined, form: undefined }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const parsed = CustomerBodySchema.safeParse(values);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        next[field] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    save.mutate(
      { id: customer?.id, body: values },
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
            if (['name', 'email', 'phone', 'address'].includes(issue.path)) next[issue.path as Field] ??= issue.message;
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
      </form>
    </Modal>
  );
}
