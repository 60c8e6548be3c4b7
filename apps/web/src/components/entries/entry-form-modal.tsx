import {
  addDays,
  LocalTimeErrorDetailsSchema,
  localToInstant,
  NoteSchema,
  today,
  type LocalTimeCandidate,
  type WorkEntry,
  type WorkEntryCreateBody,
  type WorkEntryPatchBody,
} from '@workdiary/shared';
import { useId, useState, type FormEvent } from 'react';
import { getErrorMessage, isApiError } from '../../lib/api-client';
import { useCurrentUser } from '../../lib/current-user';
import { serverNow } from '../../lib/server-clock';
import { Button } from '../button';
import { Checkbox } from '../checkbox';
import { Modal } from '../modal';
import { CategoryPicker } from '../pickers/category-picker';
import { SelectField } from '../select-field';
import { TextAreaField, TextField } from '../text-field';
import { toast } from '../toast';
import { CustomerSelect } from './customer-select';
import { useCreateEntry, useEntryUsers, useUpdateEntry } from './entries-api';
import { localDate, localTime, offsetLabel } from './entry-time';
import './entries.css';
import { translate as t } from '../../lib/i18n/i18n';

export type EntryFormModalProps = {
  open: boolean;
  onClose: () => void;
  mode: 'create' | 'edit';
  /** The entry to edit (mode 'edit'). */
  entry?: WorkEntry;
  /** Pre-filled values for a new entry (e.g. the customer of the page, the diary's user and date). */
  defaults?: { userId?: string; customerId?: string; date?: string; /** shown when the customer is locked */ customerName?: string };
  /** Keep the user / customer fixed (shown, not changeable). */
  lockUser?: boolean;
  lockCustomer?: boolean;
  /** Called with the saved entry, after the lists were refreshed. */
  onSaved?: (entry: WorkEntry) => void;
};

type Field = 'userId' | 'customerId' | 'categoryId' | 'date' | 'startTime' | 'stopTime' | 'note';
type Errors = Partial<Record<Field | 'form', string>>;
type Choice = { field: 'start' | 'stop'; time: string; date: string; candidates: LocalTimeCandidate[] };

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The manual-entry form (black "+" and orange pencil): user, customer, date, start and stop time
 * in the organisation's zone, category with "Add new", note. The server decides; its errors land
 * on the field they concern. A wall time that happens twice (autumn) offers the two meanings.
 */
export function EntryFormModal(props: EntryFormModalProps) {
  if (!props.open) return null;
  return <EntryFormDialog {...props} />;
}

function EntryFormDialog({ onClose, mode, entry, defaults, lockUser = false, lockCustomer = false, onSaved }: EntryFormModalProps) {
  const me = useCurrentUser();
  const tz = me.organization.timeZone;
  const formId = useId();
  const { users, isManager, isPending: usersPending } = useEntryUsers();
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const saving = create.isPending || update.isPending;
  const editing = mode === 'edit' && entry !== undefined;
  const running = editing && entry.stoppedAt === null;

  const initialDate = editing ? localDate(entry.startedAt, tz) : defaults?.date ?? today(tz, new Date(serverNow()));
  const [userId, setUserId] = useState(editing ? entry.userId : defaults?.userId ?? me.id);
  const [customerId, setCustomerId] = useState(editing ? entry.customerId : defaults?.customerId ?? '');
  const [categoryId, setCategoryId] = useState(editing ? entry.categoryId : '');
  const [date, setDate] = useState(initialDate);
  const [startTime, setStartTime] = useState(editing ? localTime(entry.startedAt, tz) : '');
  const [stopTime, setStopTime] = useState(editing && entry.stoppedAt ? localTime(entry.stoppedAt, tz) : '');
  const [nextDay, setNextDay] = useState(editing && entry.stoppedAt ? localDate(entry.stoppedAt, tz) > initialDate : false);
  const [note, setNote] = useState(editing ? entry.note : '');
  const [offsets, setOffsets] = useState<{ start?: string; stop?: string }>({});
  const [choice, setChoice] = useState<Choice | null>(null);
  const [errors, setErrors] = useState<Errors>({});

  const stopDate = nextDay ? addDays(date, 1) : date;
  const userFixed = lockUser || !isManager || editing;
  const userOptions = users.map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)`, disabled: !u.active && u.id !== userId }));
  if (!users.some((u) => u.id === userId)) {
    // The entry's user, or a preset one not (yet) in the list: keep it shown rather than a wrong name.
    userOptions.unshift({ value: userId, label: editing && entry.userId === userId ? entry.user.name : usersPending ? t('Loading…') : t('Selected user'), disabled: false });
  }

  const clear = (...fields: Array<Field | 'form'>) => setErrors((e) => {
    const next = { ...e };
    for (const f of fields) delete next[f];
    delete next.form;
    return next;
  });
  // A changed wall time drops an earlier choice between the two meanings of an autumn hour.
  const resetChoice = (field: 'start' | 'stop' | 'both') => {
    setOffsets((o) => (field === 'both' ? {} : { ...o, [field]: undefined }));
    setChoice((c) => (c && (field === 'both' || c.field === field) ? null : c));
  };

  function validate(): Errors {
    const e: Errors = {};
    if (!userId) e.userId = t('Choose a user');
    if (!customerId) e.customerId = t('Choose a customer');
    if (!categoryId) e.categoryId = t('Choose a category');
    const noteCheck = NoteSchema.safeParse(note);
    if (!noteCheck.success) e.note = noteCheck.error.issues[0]?.message ?? t('Note is too long');
    if (running) return e;
    if (!date) e.date = t('Enter the date');
    if (!TIME_RE.test(startTime)) e.startTime = startTime ? t('Enter a time like 09:30') : t('Enter the start time');
    if (!TIME_RE.test(stopTime)) e.stopTime = stopTime ? t('Enter a time like 17:00') : t('Enter the stop time');
    if (e.date || e.startTime || e.stopTime) return e;
    if (!nextDay && stopTime <= startTime) {
      e.stopTime = t('Stop must be after start. Work past midnight? Tick “Ends the next day”.');
      return e;
    }
    const stop = localToInstant(stopDate, stopTime, tz);
    const stopMs = stop.ok ? stop.instant.getTime() : stop.candidates[0]?.getTime();
    if (stopMs !== undefined && stopMs > serverNow() + 60_000) e.stopTime = t('The stop time is in the future. Use the timer for work that is still going on.');
    return e;
  }

  function applyServerError(error: unknown) {
    if (!isApiError(error)) {
      setErrors({ form: getErrorMessage(error) });
      return;
    }
    const message = error.message;
    const details = LocalTimeErrorDetailsSchema.safeParse(error.details);
    switch (error.code) {
      case 'LOCAL_TIME_NONEXISTENT':
      case 'LOCAL_TIME_AMBIGUOUS': {
        const field = details.success ? details.data.field : 'start';
        setErrors({ [field === 'start' ? 'startTime' : 'stopTime']: message });
        if (error.code === 'LOCAL_TIME_AMBIGUOUS' && details.success) {
          setChoice({ field, time: details.data.time, date: details.data.date, candidates: details.data.candidates });
        }
        return;
      }
      case 'STOP_BEFORE_START':
      case 'ENTRY_IN_FUTURE':
      case 'SESSION_TOO_SHORT':
      case 'SESSION_TOO_LONG':
        setErrors({ stopTime: message });
        return;
      case 'NOTE_REQUIRED':
        setErrors({ note: message });
        return;
      case 'CATEGORY_ARCHIVED':
        setErrors({ categoryId: message });
        return;
      case 'CUSTOMER_ARCHIVED':
        setErrors({ customerId: message });
        return;
      default: {
        const field = (error.details as { field?: string } | undefined)?.field;
        if (error.code === 'NOT_FOUND' && (field === 'customerId' || field === 'categoryId' || field === 'userId')) {
          setErrors({ [field]: message });
          return;
        }
        setErrors({ form: message });
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const timeFields = {
      date,
      startTime,
      stopDate,
      stopTime,
      ...(offsets.start ? { startOffset: offsets.start } : {}),
      ...(offsets.stop ? { stopOffset: offsets.stop } : {}),
    };
    const done = (saved: WorkEntry) => {
      toast.success(editing ? t('Entry saved') : t('Entry added'));
      onSaved?.(saved);
      onClose();
    };
    if (editing) {
      const body: WorkEntryPatchBody = running
        ? { customerId, categoryId, note }
        : { customerId, categoryId, note, ...timeFields };
      update.mutate({ id: entry.id, body }, { onSuccess: done, onError: applyServerError });
    } else {
      const body: WorkEntryCreateBody = { userId, customerId, categoryId, note, ...timeFields };
      create.mutate(body, { onSuccess: done, onError: applyServerError });
    }
  }

  const close = () => {
    if (!saving) onClose();
  };

  return (
    <Modal
      open
      title={editing ? t('Edit entry') : t('Add entry')}
      description={t('Times are in {tz}.', { tz })}
      onClose={close}
      closeOnBackdrop={false}
      size="md"
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={saving}>{t('Cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={saving} loadingText={editing ? t('Saving…') : t('Submitting…')}>
            {editing ? t('Save') : t('Submit')}
          </Button>
        </>
      }
    >
      <form id={formId} className="entry-form stack" onSubmit={submit} noValidate>
        {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
        <SelectField
          label={t('User')}
          required
          value={userId}
          disabled={userFixed || saving || usersPending}
          options={userOptions}
          error={errors.userId}
          hint={!isManager ? t('Members add entries for themselves.') : undefined}
          onChange={(event) => {
            setUserId(event.target.value);
            clear('userId');
          }}
        />
        {lockCustomer ? (
          <TextField label={t('Customer')} value={editing ? entry.customer.name : defaults?.customerName ?? ''} readOnly disabled />
        ) : (
          <CustomerSelect
            value={customerId}
            current={editing ? entry.customer : null}
            disabled={saving}
            error={errors.customerId}
            onChange={(id) => {
              setCustomerId(id);
              clear('customerId');
            }}
          />
        )}
        {running ? (
          <p className="entry-form__running" role="note">
            {t('This session is still running: its times change when it is stopped with the timer.')}
          </p>
        ) : (
          <>
            <div className="form-grid entry-form__times">
              <TextField
                label={t('Date')}
                type="date"
                required
                value={date}
                disabled={saving}
                error={errors.date}
                onChange={(event) => {
                  setDate(event.target.value);
                  clear('date', 'startTime', 'stopTime');
                  resetChoice('both');
                }}
              />
              <TextField
                label={t('Start time')}
                type="time"
                required
                value={startTime}
                disabled={saving}
                error={errors.startTime}
                onChange={(event) => {
                  setStartTime(event.target.value);
                  clear('startTime', 'stopTime');
                  resetChoice('start');
                }}
              />
              <TextField
                label={t('Stop time')}
                type="time"
                required
                value={stopTime}
                disabled={saving}
                error={errors.stopTime}
                onChange={(event) => {
                  setStopTime(event.target.value);
                  clear('stopTime');
                  resetChoice('stop');
                }}
              />
            </div>
            <Checkbox
              label={t('Ends the next day (work past midnight)')}
              checked={nextDay}
              disabled={saving}
              onChange={(event) => {
                setNextDay(event.target.checked);
                clear('stopTime');
                resetChoice('stop');
              }}
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
                      checked={offsets[choice.field] === c.offset}
                      onChange={() => {
                        setOffsets((o) => ({ ...o, [choice.field]: c.offset }));
                        clear(choice.field === 'start' ? 'startTime' : 'stopTime');
                      }}
                    />
                    {i === 0 ? t('The first time') : t('The second time')} ({offsetLabel(c.offset)}{i === 0 ? t(', before the clocks go back') : t(', after the clocks go back')})
                  </label>
                ))}
              </fieldset>
            ) : null}
          </>
        )}
        <CategoryPicker
          value={categoryId}
          current={editing ? entry.category : null}
          required
          disabled={saving}
          error={errors.categoryId}
          onChange={(id) => {
            setCategoryId(id);
            clear('categoryId');
          }}
        />
        <TextAreaField
          label={t('Note')}
          rows={3}
          maxLength={2000}
          value={note}
          disabled={saving}
          error={errors.note}
          onChange={(event) => {
            setNote(event.target.value);
            clear('note');
          }}
        />
      </form>
    </Modal>
  );
}
