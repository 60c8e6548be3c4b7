import { LOCALES, type Locale } from '@workdiary/shared';
import { formatMoney } from '@workdiary/shared';
import { translate as t } from '../../lib/i18n/i18n';
import { SelectField } from '../select-field';

/** "Deutsch (Deutschland) — 18.965,29 €, 02.11.2026": each locale named in itself, with a sample. */
export function localeOptionLabel(locale: Locale): string {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  const sample = `${formatMoney(1896529, 'EUR', locale)}, ${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 2, 12))}`;
  return `${name} — ${sample}`;
}

export type LocaleFieldProps = {
  value: Locale | '';
  onChange: (locale: Locale | '') => void;
  label?: string;
  hint?: string;
  /** Offer "" = follow the organisation (the profile's override). */
  followLabel?: string;
  error?: string | null;
  disabled?: boolean;
};

/** Language and number/date conventions: one of the offered BCP 47 locales. */
export function LocaleField({ value, onChange, label, hint, followLabel, error, disabled }: LocaleFieldProps) {
  return (
    <SelectField
      label={label ?? t('Language and formats')}
      value={value}
      hint={hint}
      error={error}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as Locale | '')}
      options={[
        ...(followLabel ? [{ value: '', label: followLabel }] : []),
        ...LOCALES.map((l) => ({ value: l, label: localeOptionLabel(l) })),
      ]}
    />
  );
}
