import { useMemo } from 'react';
import { SelectField } from '../select-field';
import { translate } from '../../lib/i18n/i18n';

const COMMON = ['EUR', 'USD', 'GBP', 'CHF', 'PLN', 'CZK', 'SEK', 'NOK', 'DKK', 'JPY', 'CAD', 'AUD'];

function currencyOptions(current: string) {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : COMMON;
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'currency' }) : null;
  const label = (code: string) => `${code} — ${names?.of(code) ?? code}`;
  const codes = [...new Set([...COMMON, ...all, ...(current ? [current] : [])])];
  const common = COMMON.filter((c) => codes.includes(c));
  const rest = codes.filter((c) => !COMMON.includes(c)).sort();
  return [...common, ...rest].map((code) => ({ value: code, label: label(code) }));
}

export type CurrencyFieldProps = {
  value: string;
  onChange: (code: string) => void;
  label?: string;
  error?: string | null;
  hint?: string;
  disabled?: boolean;
};

/** An ISO 4217 currency, the common ones first. */
export function CurrencyField({ value, onChange, label = translate('Currency'), error, hint, disabled }: CurrencyFieldProps) {
  const options = useMemo(() => currencyOptions(value), [value]);
  return <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} options={options} error={error} hint={hint} disabled={disabled} />;
}
