import { currencyFractionDigits } from '@workdiary/shared';
import { NumberField } from '../../../components/number-field';
import { TextField } from '../../../components/text-field';
import { translate as t } from '../../../lib/i18n/i18n';
import type { UserDraft, UserFormErrors } from './user-form';

/** What every group of the user form gets: the form's id, the draft, a setter for one field, the errors. */
export type UserFieldsProps = {
  id: string;
  draft: UserDraft;
  set: <K extends keyof UserDraft>(key: K, value: UserDraft[K]) => void;
  errors: UserFormErrors;
  disabled: boolean;
};

/** Pay: hourly or monthly, its amount in the organisation's currency, and the overtime factor. */
export function PayFields({ id, draft, set, errors, disabled, currency }: UserFieldsProps & { currency: string }) {
  const step = currencyFractionDigits(currency) > 0 ? String(1 / 10 ** currencyFractionDigits(currency)) : '1';
  return (
    <fieldset className="user-form__group">
      <legend className="field__label">{t('Pay')}</legend>
      <div className="user-form__choices" role="radiogroup" aria-label={t('Pay type')}>
        {(['HOURLY', 'MONTHLY'] as const).map((type) => (
          <label key={type} className="user-form__choice">
            <input type="radio" name={`${id}-pay-type`} value={type} checked={draft.payType === type} onChange={() => set('payType', type)} disabled={disabled} />
            {type === 'HOURLY' ? t('Hourly') : t('Monthly')}
          </label>
        ))}
      </div>
      <div className="form-grid">
        {draft.payType === 'HOURLY' ? (
          <NumberField label={t('Hourly rate')} required min={0} step={step} suffix={currency} value={draft.hourlyRate} onValueChange={(v) => set('hourlyRate', v)} error={errors.hourlyRate} disabled={disabled} />
        ) : (
          <NumberField label={t('Monthly base')} required min={0} step={step} suffix={currency} value={draft.monthlyBase} onValueChange={(v) => set('monthlyBase', v)} error={errors.monthlyBase} disabled={disabled} />
        )}
        <NumberField label={t('Overtime factor')} required min={1} max={5} step="0.05" suffix="×" value={draft.overtimeFactor} onValueChange={(v) => set('overtimeFactor', v)} error={errors.overtimeFactor} hint={t('Extra hours are paid at this multiple (e.g. 1.25).')} disabled={disabled} />
      </div>
    </fieldset>
  );
}

/** Edits only: the overtime account's first month and opening balance, and the vacation days per year. */
export function BalanceFields({ draft, set, errors, disabled }: UserFieldsProps) {
  return (
    <fieldset className="user-form__group">
      <legend className="field__label">{t('Overtime account and vacation')}</legend>
      <div className="form-grid">
        <TextField
          label={t('Account starts in')}
          type="month"
          placeholder={t('YYYY-MM')}
          value={draft.balanceStartMonth}
          onChange={(e) => set('balanceStartMonth', e.target.value)}
          error={errors.balanceStartMonth}
          hint={t('Earlier months are not counted. Empty: from their first month with recorded time.')}
          disabled={disabled}
        />
        <TextField
          label={t('Opening balance (h:mm)')}
          placeholder="0:00"
          inputMode="text"
          autoComplete="off"
          value={draft.balanceOpening}
          onChange={(e) => set('balanceOpening', e.target.value)}
          error={errors.balanceOpening}
          hint={t('Overtime carried in at the start; −h:mm for hours owed.')}
          disabled={disabled}
        />
      </div>
      <NumberField
        label={t('Vacation days per year')}
        min={0}
        max={366}
        step="0.5"
        suffix={t('days')}
        value={draft.vacationDaysPerYear}
        onValueChange={(v) => set('vacationDaysPerYear', v)}
        error={errors.vacationDaysPerYear}
        hint={t('Whole or half days. In the year the account starts: pro rata from that month.')}
        disabled={disabled}
      />
    </fieldset>
  );
}

/** New users only: an initial password, or a one-time link to set their own (mailed when mail is on). */
export function SignInFields({ id, draft, set, errors, disabled, mailEnabled }: UserFieldsProps & { mailEnabled: boolean }) {
  const accessName = `${id}-access`;
  return (
    <fieldset className="user-form__group">
      <legend className="field__label">{t('Sign-in')}</legend>
      <div className="user-form__choices user-form__choices--stacked">
        <label className="user-form__choice">
          <input type="radio" name={accessName} checked={draft.access === 'password'} onChange={() => set('access', 'password')} disabled={disabled} />
          {t('Set an initial password')}
        </label>
        <label className="user-form__choice">
          <input type="radio" name={accessName} checked={draft.access === 'invite'} onChange={() => set('access', 'invite')} disabled={disabled} />
          {t('Create a one-time link to set their own password (valid 7 days)')}
        </label>
      </div>
      {draft.access === 'password' ? (
        <TextField label={t('Initial password')} type="password" required autoComplete="new-password" value={draft.password} onChange={(e) => set('password', e.target.value)} error={errors.password} hint={t('At least 8 characters. Pass it on safely; they can change it in their profile.')} disabled={disabled} />
      ) : (
        <p className="muted user-form__note">
          {mailEnabled ? t('After saving, the link is mailed to them; you also see it here.') : t('After saving you get a link to pass on. No email is sent.')}
        </p>
      )}
    </fieldset>
  );
}
