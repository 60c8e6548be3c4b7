import { OrganizationBodySchema, type Locale, type Organization } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { CurrencyField } from '../../../components/pickers/currency-field';
import { LocaleField } from '../../../components/pickers/locale-field';
import { TimeZoneField } from '../../../components/pickers/time-zone-field';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useSaveOrganization } from '../api/organization';
import { translate as t } from '../../../lib/i18n/i18n';

type Values = { name: string; timeZone: string; currency: string; locale: Locale };
type Errors = Partial<Record<keyof Values | 'form', string>>;

/** The Organisation section: name, IANA time zone (with a warning when it changes) and currency. */
export function OrganizationForm({ organization }: { organization: Organization }) {
  const save = useSaveOrganization();
  const [values, setValues] = useState<Values>({ name: organization.name, timeZone: organization.timeZone, currency: organization.currency, locale: organization.locale });
  const [errors, setErrors] = useState<Errors>({});
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const zoneChanged = values.timeZone.trim() !== organization.timeZone;
  const currencyChanged = values.currency !== organization.currency;
  const dirty = zoneChanged || currencyChanged || values.name.trim() !== organization.name || values.locale !== organization.locale;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const parsed = OrganizationBodySchema.safeParse(values);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[(issue.path[0] as keyof Values) ?? 'form'] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: (org) => {
        setValues({ name: org.name, timeZone: org.timeZone, currency: org.currency, locale: org.locale });
        toast.success(t('Organisation settings saved.'));
      },
      onError: (error) => setErrors({ form: getErrorMessage(error) }),
    });
  };

  return (
    <Card title={t('Organisation')}>
      <form className="stack" noValidate onSubmit={submit} aria-label={t('Organisation settings')}>
        {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
        <TextField label={t('Name')} required value={values.name} onChange={(e) => set('name')(e.target.value)} error={errors.name} />
        <div className="form-grid">
          <TimeZoneField value={values.timeZone} onChange={set('timeZone')} required error={errors.timeZone} hint={t('Days and months are cut in this zone.')} />
          <CurrencyField value={values.currency} onChange={set('currency')} error={errors.currency} hint={t('Pay, salaries and exports use it.')} />
        </div>
        <LocaleField
          value={values.locale}
          onChange={(locale) => { if (locale) setValues((v) => ({ ...v, locale })); }}
          error={errors.locale}
          hint={t('The language of the app and the Excel exports, and how numbers, amounts and dates are written. Each user may choose their own language in their profile.')}
        />
        {zoneChanged ? (
          <div className="org-warning" role="note">
            <strong>{t('Changing the time zone')}</strong> {t('changes where days and months are cut from now on: every report, the diary and the exports (past months included) are computed in')} <strong>{values.timeZone.trim() || '…'}</strong>{t('. Stored times do not change.')}
          </div>
        ) : null}
        {currencyChanged ? (
          <div className="org-warning" role="note">
            {t('Amounts are stored as numbers, not converted: a rate of 25.00 {from} becomes 25.00 {to}. Check the users’ pay after switching.', { from: organization.currency, to: values.currency })}
          </div>
        ) : null}
        <div className="row">
          <Button type="submit" variant="primary" loading={save.isPending} loadingText={t('Saving…')} disabled={!dirty}>{t('Save')}</Button>
          {dirty ? (
            <Button variant="ghost" onClick={() => { setValues({ name: organization.name, timeZone: organization.timeZone, currency: organization.currency, locale: organization.locale }); setErrors({}); }} disabled={save.isPending}>
              {t('Undo changes')}
            </Button>
          ) : null}
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {t('New users get a copy of the organisation’s default work rules. Edit the defaults in')}{' '}
          <Link to="/settings">{t('Settings → Customer Timer (Step 1, “Organisation defaults”)')}</Link>.
        </p>
      </form>
    </Card>
  );
}
