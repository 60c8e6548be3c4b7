import { CustomerBodySchema, type Customer } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { formatMoneyInput, parseMoney } from '../../../components/money-field';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useSaveCustomer } from '../api/customers';
import { translate as t } from '../../../lib/i18n/i18n';

export type CustomerField = 'name' | 'email' | 'phone' | 'address' | 'hourlyRate';
const FIELDS: readonly string[] = ['name', 'email', 'phone', 'address', 'hourlyRate'];
export type CustomerFormErrors = Partial<Record<CustomerField | 'form', string>>;

/** The server's VALIDATION_ERROR issues on the form's fields; anything else is the form's error. */
function serverErrors(error: Error): CustomerFormErrors {
  const issues = isApiError(error, 'VALIDATION_ERROR') ? (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues : undefined;
  const next: CustomerFormErrors = {};
  for (const issue of issues ?? []) {
    const field = issue.path.replace(/^body\./, '');
    if (FIELDS.includes(field)) next[field as CustomerField] ??= issue.message;
  }
  return Object.keys(next).length ? next : { form: getErrorMessage(error) };
}

type CustomerFormInput = { onClose: () => void; customer?: Customer; onSaved?: (customer: Customer) => void };

/**
 * The customer form's state: the values (the rate typed in the organisation's currency, read in
 * the reader's locale), the errors (checked here first, then by the server), and the save.
 */
export function useCustomerForm({ onClose, customer, onSaved }: CustomerFormInput) {
  const save = useSaveCustomer();
  // The rate is typed in the organisation's currency, read in the reader's locale ('85,50' in German).
  const { currency, locale } = useFormat();
  const [values, setValues] = useState<Record<CustomerField, string>>({
    name: customer?.name ?? '',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    address: customer?.address ?? '',
    hourlyRate: formatMoneyInput(customer?.hourlyRate ?? null, currency, locale),
  });
  const [errors, setErrors] = useState<CustomerFormErrors>({});

  const set = (field: CustomerField) => (event: { target: { value: string } }) => {
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
      const next: CustomerFormErrors = rate.ok ? {} : { hourlyRate: rate.message };
      for (const issue of parsed.error?.issues ?? []) {
        const field = issue.path[0] as CustomerField;
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
        onError: (error) => setErrors(serverErrors(error)),
      },
    );
  }

  const close = () => {
    if (!save.isPending) onClose();
  };

  return { values, errors, set, submit, close, saving: save.isPending, currency, locale };
}
