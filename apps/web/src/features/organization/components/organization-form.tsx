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
import { activeLocale } from '../../../lib/i18n/locale-store';
import { NumberField } from '../../../components/number-field';
import { SelectField } from '../../../components/select-field';

type Values = { name: string; timeZone: string; currency: string; locale: Locale };
/** Last year's remaining vacation expires after this day: month '01'…'12' ('' = never) and day. */
type CarryOver = { month: string; day: number | null };
type Errors = Partial<Record<keyof Values | 'form' | 'carryOverMonth' | 'carryOverDay', string>>;

/** Days in a month of a leap year: 29 February is a valid expiry. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function carryOverOf(until: string | null | undefined): CarryOver {
  if (!until) return { month: '', day: null };
  return { month: until.slice(0, 2), day: Number(until.slice(3, 5)) };
}

/** The wire's "MM-DD" (null: never expires), or the message for the field that is wrong. */
export function carryOverUntil(value: CarryOver): { until: string | null } | { field: 'carryOverDay'; message: string } {
  if (value.month === '') return { until: null };
  const max = DAYS_IN_MONTH[Number(value.month) - 1] ?? 31;
  if (value.day === null || !Number.isInteger(value.day) || value.day < 1 || value.day > max) {
    return { field: 'carryOverDay', message: t('Choose a day from 1 to {max}.', { max }) };
  }
  return { until: `${value.month}-${String(value.day).padStart(2, '0')}` };
}

function monthOptions() {
  const names = new Intl.DateTimeFormat(activeLocale(), { month: 'long', timeZone: 'UTC' });
  return DAYS_IN_MONTH.map((_, i) => ({ value: String(i + 1).padStart(2, '0'), label: names.format(Date.UTC(2024, i, 1)) }));
}

/** The Organisation section: name, IANA time zone (with a warning when it changes), currency, language and when carried-over vacation expires. */
export function OrganizationForm({ organization }: { organization: Organization }) {
  const save = useSaveOrganization();
  const [values, setValues] = useState<Values>({ name: organization.name, timeZone: organization.timeZone, currency: organization.currency, locale: organization.locale });
  const [carryOver, setCarryOver] = useState<CarryOver>(carryOverOf(organization.vacationCarryOverUntil));
  const [errors, setErrors] = useState<Errors>({});
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const savedCarryOver = carryOverOf(organization.vacationCarryOverUntil);
  const carryOverChanged = carryOver.month !== savedCarryOver.month || (carryOver.month !== '' && carryOver.day !== savedCarryOver.day);
  const zoneChanged = values.timeZone.trim() !== organization.timeZone;
  const currencyChanged = values.currency !== organization.currency;
  const dirty = zoneChanged || currencyChanged || carryOverChanged || values.name.trim() !== organization.name || values.locale !== organization.locale;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const until = carryOverUntil(carryOver);
    const parsed = OrganizationBodySchema.safeParse({ ...values, vacationCarryOverUntil: 'until' in until ? until.until : null });
    if (!parsed.success || !('until' in until)) {
      const next: Errors = {};
      if (!('until' in until)) next[until.field] = until.message;
      for (const issue of parsed.success ? [] : parsed.error.issues) next[(issue.path[0] as keyof Values) ?? 'form'] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: (org) => {
        setValues({ name: org.name, timeZone: org.timeZone, currency: org.currency, locale: org.locale });
        setCarryOver(carryOverOf(org.vacationCarryOverUntil));
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
        <fieldset className="org-carry-over">
          <legend className="field__label">{t('Remaining vacation from last year')}</legend>
          <div className="form-grid">
            <SelectField
              label={t('Expires after (month)')}
              value={carryOver.month}
              onChange={(e) => setCarryOver((c) => ({ month: e.target.value, day: e.target.value === '' ? null : c.day ?? DAYS_IN_MONTH[Number(e.target.value) - 1] ?? 31 }))}
              options={[{ value: '', label: t('Never expires') }, ...monthOptions()]}
              error={errors.carryOverMonth}
              hint={t('Days carried over are used first; after this day only those taken by then stay (e.g. 31 March).')}
            />
            {carryOver.month !== '' ? (
              <NumberField
                label={t('Day')}
                min={1}
                max={DAYS_IN_MONTH[Number(carryOver.month) - 1] ?? 31}
                step="1"
                value={carryOver.day}
                onValueChange={(day) => setCarryOver((c) => ({ ...c, day }))}
                error={errors.carryOverDay}
              />
            ) : null}
          </div>
        </fieldset>
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
            <Button variant="ghost" onClick={() => { setValues({ name: organization.name, timeZone: organization.timeZone, currency: organization.currency, locale: organization.locale }); setCarryOver(carryOverOf(organization.vacationCarryOverUntil)); setErrors({}); }} disabled={save.isPending}>
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
