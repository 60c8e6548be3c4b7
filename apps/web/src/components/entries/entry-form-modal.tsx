import { useId } from 'react';
import { translate as t } from '../../lib/i18n/i18n';
import { Button } from '../button';
import { Checkbox } from '../checkbox';
import { Modal } from '../modal';
import { CategoryPicker } from '../pickers/category-picker';
import { SelectField } from '../select-field';
import { TextAreaField, TextField } from '../text-field';
import { CustomerSelect } from './customer-select';
import { useEntryUsers } from './entries-api';
import { offsetLabel } from './entry-time';
import { useEntryForm, type EntryFormOptions } from './use-entry-form';
import './entries.css';

export type EntryFormModalProps = EntryFormOptions & {
  open: boolean;
  /** Keep the user / customer fixed (shown, not changeable). */
  lockUser?: boolean;
  lockCustomer?: boolean;
};

/**
 * The manual-entry form (black "+" and orange pencil): user, customer, date, start and stop time
 * in the organisation's zone, category with "Add new", note. The behaviour lives in
 * `useEntryForm`; this is its dialog. What is typed is kept on the device until the server saved it.
 */
export function EntryFormModal(props: EntryFormModalProps) {
  if (!props.open) return null;
  return <EntryFormDialog {...props} />;
}

function EntryFormDialog({ lockUser = false, lockCustomer = false, ...options }: EntryFormModalProps) {
  const formId = useId();
  const form = useEntryForm(options);
  const { values, set, errors, choice, saving, editing, running } = form;
  const entry = editing ? options.entry : undefined;
  const { users, isManager, isPending: usersPending } = useEntryUsers();
  const userFixed = lockUser || !isManager || editing;
  const userOptions = users.map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)`, disabled: !u.active && u.id !== values.userId }));
  if (!users.some((u) => u.id === values.userId)) {
    // The entry's user, or a preset one not (yet) in the list: keep it shown rather than a wrong name.
    userOptions.unshift({ value: values.userId, label: entry?.userId === values.userId ? entry.user.name : usersPending ? t('Loading…') : t('Selected user'), disabled: false });
  }

  return (
    <Modal
      open
      title={editing ? t('Edit entry') : t('Add entry')}
      description={t('Times are in {tz}.', { tz: form.tz })}
      onClose={form.close}
      closeOnBackdrop={false}
      size="md"
      footer={
        <>
          <Button variant="ghost" onClick={form.close} disabled={saving}>{t('Cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={saving} loadingText={editing ? t('Saving…') : t('Submitting…')}>
            {editing ? t('Save') : t('Submit')}
          </Button>
        </>
      }
    >
      <form id={formId} className="entry-form stack" onSubmit={form.submit} noValidate>
        {form.restored ? (
          <div className="entry-form__restored" role="status">
            <span>{t('Your unsaved changes were kept on this device and are filled in again.')}</span>
            <Button size="sm" variant="ghost" onClick={form.discardDraft} disabled={saving}>{t('Start over')}</Button>
          </div>
        ) : null}
        {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
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
        {lockCustomer ? (
          <TextField label={t('Customer')} value={entry ? entry.customer.name : options.defaults?.customerName ?? ''} readOnly disabled />
        ) : (
          <CustomerSelect
            value={values.customerId}
            current={entry ? entry.customer : null}
            disabled={saving}
            error={errors.customerId}
            onChange={(id) => set('customerId', id)}
          />
        )}
        {running ? (
          <p className="entry-form__running" role="note">
            {t('This session is still running: its times change when it is stopped with the timer.')}
          </p>
        ) : (
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
            {choice ? (
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
            ) : null}
          </>
        )}
        <CategoryPicker
          value={values.categoryId}
          current={entry ? entry.category : null}
          required
          disabled={saving}
          error={errors.categoryId}
          onChange={(id) => set('categoryId', id)}
        />
        <TextAreaField
          label={t('Note')}
          rows={3}
          maxLength={2000}
          value={values.note}
          disabled={saving}
          error={errors.note}
          onChange={(event) => set('note', event.target.value)}
        />
      </form>
    </Modal>
  );
}
