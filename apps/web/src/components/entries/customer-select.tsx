import { useState } from 'react';
import { CustomerPicker, type CustomerOption } from '../pickers/customer-picker';

export type CustomerSelectProps = {
  value: string;
  onChange: (customerId: string) => void;
  error?: string | null;
  disabled?: boolean;
  /** The customer the edited entry already has (shown even when archived). */
  current?: { id: string; name: string } | null;
};

/**
 * The entry form's customer field: the one customer selector (`CustomerPicker`), bound to the
 * customer id the form keeps. The picker shows names, so the name of the last pick is kept here.
 */
export function CustomerSelect({ value, onChange, error, disabled, current }: CustomerSelectProps) {
  const [picked, setPicked] = useState<CustomerOption | null>(null);
  const shown = !value ? null : picked?.id === value ? picked : current?.id === value ? current : { id: value, name: '' };
  return (
    <CustomerPicker
      value={shown}
      required
      error={error}
      disabled={disabled}
      onChange={(customer) => {
        setPicked(customer);
        onChange(customer?.id ?? '');
      }}
    />
  );
}
