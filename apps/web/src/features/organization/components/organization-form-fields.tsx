import type { Dispatch, SetStateAction } from 'react';
import { NumberField } from '../../../components/number-field';
import { SelectField } from '../../../components/select-field';
import { translate as t } from '../../../lib/i18n/i18n';
import type { OrganizationErrors } from '../hooks/use-organization-form';
import { DAYS_IN_MONTH, monthOptions, type CarryOver } from '../lib/carry-over';

/** When last year's remaining vacation expires: a month ('' = never) and, with one, the day. */
export function CarryOverFields({ carryOver, setCarryOver, errors }: {
  carryOver: CarryOver;
  setCarryOver: Dispatch<SetStateAction<CarryOver>>;
  errors: OrganizationErrors;
}) {
  return (
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
  );
}

/** What a new time zone or currency changes, shown before saving it. */
export function ChangeWarnings({ zoneChanged, currencyChanged, timeZone, fromCurrency, toCurrency }: {
  zoneChanged: boolean;
  currencyChanged: boolean;
  timeZone: string;
  fromCurrency: string;
  toCurrency: string;
}) {
  return (
    <>
      {zoneChanged ? (
        <div className="org-warning" role="note">
          <strong>{t('Changing the time zone')}</strong> {t('changes where days and months are cut from now on: every report, the diary and the exports (past months included) are computed in')} <strong>{timeZone.trim() || '…'}</strong>{t('. Stored times do not change.')}
        </div>
      ) : null}
      {currencyChanged ? (
        <div className="org-warning" role="note">
          {t('Amounts are stored as numbers, not converted: a rate of 25.00 {from} becomes 25.00 {to}. Check the users’ pay after switching.', { from: fromCurrency, to: toCurrency })}
        </div>
      ) : null}
    </>
  );
}
