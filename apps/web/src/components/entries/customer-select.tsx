import { CustomerListSchema, type Customer } from '@workdiary/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { api, getErrorMessage } from '../../lib/api-client';
import { SelectField, type SelectOption } from '../select-field';
import { TextField } from '../text-field';

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
        label="Find customer"
        hideLabel
        placeholder="Search customers…"
        value={q}
        disabled={disabled}
        onChange={(event) => setQ(event.target.value)}
      />
      <SelectField
        id={id}
        label="Customer"
        required
        value={value}
        disabled={disabled || customers.isPending}
        placeholder={customers.isPending ? 'Loading customers…' : options.length === 0 ? 'No customer matches' : 'Choose a customer…'}
        options={options}
        error={error ?? (customers.isError ? `Could not load customers: ${getErrorMessage(customers.error)}` : null)}
        hint={more ? `Showing the first ${items.length} of ${customers.data?.total}: type to narrow down.` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
