import { useId } from 'react';
import { translate as t } from '../../lib/i18n/i18n';
import { Button } from '../button';
import { Modal } from '../modal';
import { CategoryPicker } from '../pickers/category-picker';
import { TextAreaField, TextField } from '../text-field';
import { CustomerSelect } from './customer-select';
import { EntryTimes, EntryUserField } from './entry-form-fields';
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
  const { values, set, errors, saving, editing, running } = form;
  const entry = editing ? options.entry : undefined;

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
        <EntryUserField form={form} entry={entry} lockUser={lockUser} />
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
          <EntryTimes form={form} formId={formId} />
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
