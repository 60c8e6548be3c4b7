import type { WorkEntry } from '@workdiary/shared';
import { translate as t } from '../../lib/i18n/i18n';
import { Checkbox } from '../checkbox';
import { SelectField } from '../select-field';
import { TextField } from '../text-field';
import { useEntryUsers } from './entries-api';
import { offsetLabel } from './entry-time';
import type { useEntryForm } from './use-entry-form';

type EntryForm = ReturnType<typeof useEntryForm>;

/**
 * The entry's user: any active user for a manager adding an entry, fixed otherwise. The entry's
 * own user (or a preset one not in the list yet) stays shown rather than a wrong name.
 */
export function EntryUserField({ form, entry, lockUser }: { form: EntryForm; entry: WorkEntry | undefined; lockUser: boolean }) {
  const { values, set, errors, saving, editing } = form;
  const { users, isManager, isPending: usersPending } = useEntryUsers();
  const userFixed = lockUser || !isManager || editing;
  const userOptions = users.map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)`, disabled: !u.active && u.id !== values.userId }));
  if (!users.some((u) => u.id === values.userId)) {
    // The entry's user, or a preset one not (yet) in the list: keep it shown rather than a wrong name.
    userOptions.unshift({ value: values.userId, label: entry?.userId === values.userId ? entry.user.name : usersPending ? t('Loading…') : t('Selected user'), disabled: false });
  }
  return (
    <SelectField
      label={t('User')}
      required
      value={values.userId}
      disabled={userFixed || saving || usersPending}
      options={userOptions}
      error={errors.userId}
      hint={!isManager ? t('Members add entries for themselves.') : undefined}
      onChange={(event) => set('userId', event.target.value)}
    />
  );
}

/** Date, start and stop time, "ends the next day", and the choice of a time the clocks show twice. */
export function EntryTimes({ form, formId }: { form: EntryForm; formId: string }) {
  const { values, set, errors, saving } = form;
  return (
    <>
      <div className="form-grid entry-form__times">
        <TextField label={t('Date')} type="date" required value={values.date} disabled={saving} error={errors.date} onChange={(event) => set('date', event.target.value)} />
        <TextField label={t('Start time')} type="time" required value={values.startTime} disabled={saving} error={errors.startTime} onChange={(event) => set('startTime', event.target.value)} />
        <TextField label={t('Stop time')} type="time" required value={values.stopTime} disabled={saving} error={errors.stopTime} onChange={(event) => set('stopTime', event.target.value)} />
      </div>
      <Checkbox
        label={t('Ends the next day (work past midnight)')}
        checked={values.nextDay}
        disabled={saving}
        onChange={(event) => set('nextDay', event.target.checked)}
      />
      {form.choice ? <AmbiguousTimeChoice form={form} choice={form.choice} formId={formId} /> : null}
    </>
  );
}

/** A local time that happens twice (the clocks go back): which of the two is meant. */
function AmbiguousTimeChoice({ form, choice, formId }: { form: EntryForm; choice: NonNullable<EntryForm['choice']>; formId: string }) {
  return (
    <fieldset className="entry-form__choice">
      <legend className="field__label">
        {t('{time} on {date} happens twice. Which one do you mean?', { time: choice.time, date: choice.date })}
      </legend>
      {choice.candidates.map((c, i) => (
        <label key={c.instant} className="entry-form__choice-option">
          <input
            type="radio"
            name={`${formId}-${choice.field}-offset`}
            checked={form.offsets[choice.field] === c.offset}
            onChange={() => form.chooseOffset(choice.field, c.offset)}
          />
          {i === 0 ? t('The first time') : t('The second time')} ({offsetLabel(c.offset)}{i === 0 ? t(', before the clocks go back') : t(', after the clocks go back')})
        </label>
      ))}
    </fieldset>
  );
}
