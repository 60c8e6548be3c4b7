import { type Organization } from '@workdiary/shared';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { CurrencyField } from '../../../components/pickers/currency-field';
import { LocaleField } from '../../../components/pickers/locale-field';
import { TimeZoneField } from '../../../components/pickers/time-zone-field';
import { TextField } from '../../../components/text-field';
import { translate as t } from '../../../lib/i18n/i18n';
import { useOrganizationForm } from '../hooks/use-organization-form';
import { CarryOverFields, ChangeWarnings } from './organization-form-fields';

export { carryOverUntil } from '../lib/carry-over';

/** The Organisation section: name, IANA time zone (with a warning when it changes), currency, language and when carried-over vacation expires. */
export function OrganizationForm({ organization }: { organization: Organization }) {
  const { save, values, setValues, set, carryOver, setCarryOver, errors, zoneChanged, currencyChanged, dirty, submit, undo } = useOrganizationForm(organization);

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
        <CarryOverFields carryOver={carryOver} setCarryOver={setCarryOver} errors={errors} />
        <ChangeWarnings
          zoneChanged={zoneChanged}
          currencyChanged={currencyChanged}
          timeZone={values.timeZone}
          fromCurrency={organization.currency}
          toCurrency={values.currency}
        />
        <div className="row">
          <Button type="submit" variant="primary" loading={save.isPending} loadingText={t('Saving…')} disabled={!dirty}>{t('Save')}</Button>
          {dirty ? (
            <Button variant="ghost" onClick={undo} disabled={save.isPending}>
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
