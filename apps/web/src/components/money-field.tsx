import { currencyFractionDigits } from '@workdiary/shared';
import { useId, type InputHTMLAttributes, type Ref } from 'react';
import { translate } from '../lib/i18n/i18n';
import { describedBy, FieldShell, type FieldBaseProps } from './field';

/** The locale's decimal and grouping separators ('de-DE' → ',' and '.'). */
function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/** The currency's symbol in the locale ('EUR' → '€', 'CHF' → 'CHF'). */
export function currencySymbol(currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1).find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/** Minor units as the field shows them for editing: 8550 → '85.50' / '85,50' (no grouping). */
export function formatMoneyInput(minor: number | null, currency: string, locale: string): string {
  if (minor === null) return '';
  const digits = currencyFractionDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(minor / 10 ** digits);
}

export type MoneyParse = { ok: true; minor: number | null } | { ok: false; message: string };

/**
 * Typed money → minor units, read in the locale: '85,50' in German and '85.50' in English are 8550;
 * grouping ('1.250,00', '1,250.00', '1’250.00') is understood; where the locale's decimal mark is a
 * comma, a point not followed by exactly three digits is read as the decimal mark too ('85.5' →
 * 8550), and the other way round. Empty → null. Messages are in the active language.
 */
export function parseMoney(text: string, currency: string, locale: string): MoneyParse {
  const { decimal } = separators(locale);
  const digits = currencyFractionDigits(currency);
  // Spaces, apostrophes (Swiss grouping) and the currency go; what is left is digits and marks.
  let s = text.replace(/[\s\u00a0\u202f'\u2019]/g, '').split(currencySymbol(currency, locale)).join('').replace(new RegExp(currency, 'i'), '');
  if (s === '') return { ok: true, minor: null };
  const other = decimal === ',' ? '.' : ',';
  if (s.includes(decimal)) s = s.split(other).join('');
  else if (s.includes(other)) s = /^\d{1,3}([.,]\d{3})+$/.test(s) && digits < 3 ? s.split(other).join('') : s.replace(other, decimal);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(decimal === '.' ? s : s.replace(',', '.'));
  const example = formatMoneyInput(8550, currency, locale);
  if (!match) return { ok: false, message: translate('Enter an amount such as {example}', { example }) };
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? translate('Enter whole units only') : translate('Enter at most {digits, plural, one {# decimal place} other {# decimal places}}', { digits }) };
  }
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, message: translate('This amount is too large') };
  return { ok: true, minor };
}

export type MoneyFieldProps = FieldBaseProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'children'> & {
    currency: string;
    locale: string;
    /** After the currency symbol, e.g. "/ h". */
    unit?: string;
    ref?: Ref<HTMLInputElement>;
  };

/**
 * A money input in the organisation's currency and the reader's locale: a text field (not
 * type=number, which ignores the locale's decimal comma) with the currency symbol after it. The
 * caller keeps the text and reads it with `parseMoney`.
 */
export function MoneyField({ label, error, hint, hideLabel, id, className, currency, locale, unit, ...rest }: MoneyFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell id={inputId} label={label} error={error} hint={hint} hideLabel={hideLabel} required={rest.required} className={className}>
      <div className="input-with-suffix">
        <input id={inputId} type="text" inputMode="decimal" autoComplete="off" className="input" {...describedBy(inputId, error, hint)} {...rest} />
        <span className="input-suffix" aria-hidden="true">{currencySymbol(currency, locale)}{unit ? ` ${unit}` : ''}</span>
      </div>
    </FieldShell>
  );
}
