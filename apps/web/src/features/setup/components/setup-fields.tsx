import type { Locale } from '@workdiary/shared';
import { CurrencyField } from '../../../components/pickers/currency-field';
import { LocaleField } from '../../../components/pickers/locale-field';
import { TimeZoneField } from '../../../components/pickers/time-zone-field';
import { TextField } from '../../../components/text-field';
import { translate as t } from '../../../lib/i18n/i18n';
import type { SetupErrors, SetupValues } from '../hooks/use-setup-form';

type FieldsProps = {
  values: SetupValues;
  errors: SetupErrors;
  set: (key: keyof SetupValues) => (value: string) => void;
};

/** The organisation: name, time zone, currency and language. */
export function OrganizationFields({ values, errors, set, setLocale }: FieldsProps & { setLocale: (locale: Locale | '') => void }) {
  return (
    <fieldset className="setup-section">
      <legend className="setup-section__title">{t('Organisation')}</legend>
      <TextField label={t('Organisation name')} required autoFocus value={values.orgName} onChange={(e) => set('orgName')(e.target.value)} error={errors.orgName} />
      <TimeZoneField value={values.timeZone} onChange={set('timeZone')} required error={errors.timeZone} hint={t('Days and months are cut in this zone.')} />
      <CurrencyField value={values.currency} onChange={set('currency')} error={errors.currency} hint={t('Pay and salaries are shown in it.')} />
      <LocaleField value={values.locale} onChange={setLocale} error={errors.locale} />
    </fieldset>
  );
}

/** The first administrator: name, email (the login) and the password, twice. */
export function AdminFields({ values, errors, set }: FieldsProps) {
  return (
    <fieldset className="setup-section">
      <legend className="setup-section__title">{t('First administrator')}</legend>
      <TextField label={t('Your name')} required autoComplete="name" value={values.name} onChange={(e) => set('name')(e.target.value)} error={errors.name} />
      <TextField label={t('Email')} type="email" required autoComplete="username" value={values.email} onChange={(e) => set('email')(e.target.value)} error={errors.email} hint={t('Your login.')} />
      <TextField label={t('Password')} type="password" required autoComplete="new-password" value={values.password} onChange={(e) => set('password')(e.target.value)} error={errors.password} hint={t('At least 8 characters.')} />
      <TextField label={t('Repeat password')} type="password" required autoComplete="new-password" value={values.confirm} onChange={(e) => set('confirm')(e.target.value)} error={errors.confirm} />
    </fieldset>
  );
}
