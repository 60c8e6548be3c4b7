import { CustomerListSchema, type Customer } from '@workdiary/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { api, getErrorMessage } from '../../lib/api-client';
import { SelectField, type SelectOption } from '../select-field';
import { TextField } from '../text-field';
import { translate as t } from '../../lib/i18n/i18n';

export type CustomerSelectProps = {
  value: string;
  onChange: (customerId: string) => void;
  error?: string | null;
  disabled?: boolean;
  /** The customer the edited entry already has (shown even when archived or not on the page). */
  current?: { id: string; name: string } | null;
};

const LIMIT = 100;

/** Customer dropdown for the entry form, with a server-side search box above it. */
export function CustomerSelect({ value, onChange, error, disabled, current }: CustomerSelectProps) {
  const id = useId();
  const [q, setQ] = useState('');
  const deferredQ = useDeferredValue(q.trim());
  const customers = useQuery({
    queryKey: ['customers', 'options', deferredQ] as const,
    queryFn: ({ signal }) => api.get('/api/customers', { schema: CustomerListSchema, query: { q: deferredQ, limit: LIMIT }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items: Customer[] = customers.data?.items ?? [];
  const options: SelectOption[] = items.map((c) => ({ value: c.id, label: c.name }));
  if (value && !items.some((c) => c.id === value) && current?.id === value) options.unshift({ value, label: current.name });
  const more = (customers.data?.total ?? 0) > items.length;
  return (
    <div className="entry-form__customer">
      <TextField
        id={`${id}-search`}
        type="search"
        label={t('Find customer')}
        hideLabel
        placeholder={t('Search customers…')}
        value={q}
        disabled={disabled}
        onChange={(event) => setQ(event.target.value)}
      />
      <SelectField
        id={id}
        label={t('Customer')}
        required
        value={value}
        disabled={disabled || customers.isPending}
        placeholder={customers.isPending ? t('Loading customers…') : options.length === 0 ? t('No customer matches') : t('Choose a customer…')}
        options={options}
        error={error ?? (customers.isError ? t('Could not load customers: {value1}', { value1: getErrorMessage(customers.error) }) : null)}
        hint={more ? t('Showing the first {length} of {total}: type to narrow down.', { length: items.length, total: customers.data?.total ?? 0 }) : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
