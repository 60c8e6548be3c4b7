import { useId, type Ref, type SelectHTMLAttributes } from 'react';
import { describedBy, FieldShell, type FieldBaseProps } from './field';

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = FieldBaseProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
    options: readonly SelectOption[];
    /** A first, empty option such as "Choose a category…" (value ''). */
    placeholder?: string;
    ref?: Ref<HTMLSelectElement>;
  };

export function SelectField({ label, error, hint, hideLabel, id, className, options, placeholder, ...rest }: SelectFieldProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <FieldShell id={selectId} label={label} error={error} hint={hint} hideLabel={hideLabel} required={rest.required} className={className}>
      <select id={selectId} className="input select" {...describedBy(selectId, error, hint)} {...rest}>
        {placeholder !== undefined ? (
          <option value="" disabled={rest.required}>
            {placeholder}
          </option>
        ) : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
