import {
  addDays,
  LocalTimeErrorDetailsSchema,
  localToInstant,
  today,
  WorkEntryCreateBodySchema,
  WorkEntryPatchBodySchema,
  type LocalTimeCandidate,
  type WorkEntry,
  type WorkEntryCreateBody,
  type WorkEntryPatchBody,
} from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { getErrorMessage, isApiError } from '../../lib/api-client';
import { useCurrentUser } from '../../lib/current-user';
import { useDraft } from '../../lib/drafts';
import { translate as t } from '../../lib/i18n/i18n';
import { serverNow } from '../../lib/server-clock';
import { toast } from '../toast';
import { useCreateEntry, useUpdateEntry } from './entries-api';
import { ENTRY_DRAFT_KIND, EntryDraftSchema, entryDraftId, type EntryDraft, type EntryFormValues } from './entry-draft';
import { localDate, localTime } from './entry-time';

export type EntryFormDefaults = { userId?: string; customerId?: string; date?: string; /** shown when the customer is locked */ customerName?: string };

export type EntryFormOptions = {
  mode: 'create' | 'edit';
  /** The entry to edit (mode 'edit'). */
  entry?: WorkEntry;
  /** Pre-filled values for a new entry (e.g. the customer of the page, the diary's user and date). */
  defaults?: EntryFormDefaults;
  /** Where the form is opened from ('customer:<id>', 'day:<userId>:<date>'): a new entry's draft is kept per origin. */
  origin: string;
  onClose: () => void;
  /** Called with the saved entry, after the lists were refreshed. */
  onSaved?: (entry: WorkEntry) => void;
};

export type EntryField = keyof Omit<EntryFormValues, 'nextDay'>;
export type EntryErrors = Partial<Record<EntryField | 'form', string>>;
export type AmbiguousChoice = { field: 'start' | 'stop'; time: string; date: string; candidates: LocalTimeCandidate[] };

function initialValues({ mode, entry, defaults }: EntryFormOptions, meId: string, tz: string): EntryFormValues {
  if (mode === 'edit' && entry) {
    const date = localDate(entry.startedAt, tz);
    return {
      userId: entry.userId,
      customerId: entry.customerId,
      categoryId: entry.categoryId,
      date,
      startTime: localTime(entry.startedAt, tz),
      stopTime: entry.stoppedAt ? localTime(entry.stoppedAt, tz) : '',
      nextDay: entry.stoppedAt ? localDate(entry.stoppedAt, tz) > date : false,
      note: entry.note,
    };
  }
  return {
    userId: defaults?.userId ?? meId,
    customerId: defaults?.customerId ?? '',
    categoryId: '',
    date: defaults?.date ?? today(tz, new Date(serverNow())),
    startTime: '',
    stopTime: '',
    nextDay: false,
    note: '',
  };
}

const sameValues = (a: EntryFormValues, b: EntryFormValues) => (Object.keys(a) as Array<keyof EntryFormValues>).every((k) => a[k] === b[k]);

/** What a change of each field makes stale: its own error, and the errors that depend on it. */
const CLEARS: Record<keyof EntryFormValues, EntryField[]> = {
  userId: ['userId'],
  customerId: ['customerId'],
  categoryId: ['categoryId'],
  date: ['date', 'startTime', 'stopTime'],
  startTime: ['startTime', 'stopTime'],
  stopTime: ['stopTime'],
  nextDay: ['stopTime'],
  note: ['note'],
};

/** The shared body schema's complaint about a field, said the way a person fills the form in. */
function fieldMessage(field: EntryField, values: EntryFormValues, schemaMessage: string): string {
  switch (field) {
    case 'userId': return t('Choose a user');
    case 'customerId': return t('Choose a customer');
    case 'categoryId': return t('Choose a category');
    case 'date': return values.date ? t('Enter a date like 2026-03-02') : t('Enter the date');
    case 'startTime': return values.startTime ? t('Enter a time like 09:30') : t('Enter the start time');
    case 'stopTime': return values.stopTime ? t('Enter a time like 17:00') : t('Enter the stop time');
    case 'note': return t(schemaMessage);
  }
}

const FIELDS: readonly string[] = ['userId', 'customerId', 'categoryId', 'date', 'startTime', 'stopTime', 'note'] satisfies EntryField[];

type Offsets = { start?: string; stop?: string };

/** The request's body: a running entry changes only customer, category and note; a new one names its user. */
function requestBody(values: EntryFormValues, offsets: Offsets, stopDate: string, editing: boolean, running: boolean): WorkEntryCreateBody | WorkEntryPatchBody {
  const timeFields = () => ({
    date: values.date,
    startTime: values.startTime,
    stopDate,
    stopTime: values.stopTime,
    ...(offsets.start ? { startOffset: offsets.start } : {}),
    ...(offsets.stop ? { stopOffset: offsets.stop } : {}),
  });
  const base = { customerId: values.customerId, categoryId: values.categoryId, note: values.note };
  if (running) return base;
  return editing ? { ...base, ...timeFields() } : { userId: values.userId, ...base, ...timeFields() };
}

/** The shared body schema's checks plus what a person needs before sending: stop after start, not in the future. */
function validateEntry(values: EntryFormValues, { editing, running, tz, stopDate, body }: {
  editing: boolean; running: boolean; tz: string; stopDate: string; body: WorkEntryCreateBody | WorkEntryPatchBody;
}): EntryErrors {
  const found: EntryErrors = {};
  const schema = editing ? WorkEntryPatchBodySchema : WorkEntryCreateBodySchema;
  const parsed = schema.safeParse(body);
  if (!values.userId) found.userId = fieldMessage('userId', values, '');
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = String(issue.path[0]);
    if (FIELDS.includes(field) && !found[field as EntryField]) found[field as EntryField] = fieldMessage(field as EntryField, values, issue.message);
  }
  // IdSchema accepts any non-empty id; an empty pick is "nothing chosen".
  if (!values.customerId) found.customerId = fieldMessage('customerId', values, '');
  if (!values.categoryId) found.categoryId = fieldMessage('categoryId', values, '');
  if (running || found.date || found.startTime || found.stopTime) return found;
  if (!values.nextDay && values.stopTime <= values.startTime) {
    found.stopTime = t('Stop must be after start. Work past midnight? Tick “Ends the next day”.');
    return found;
  }
  const stop = localToInstant(stopDate, values.stopTime, tz);
  const stopMs = stop.ok ? stop.instant.getTime() : stop.candidates[0]?.getTime();
  if (stopMs !== undefined && stopMs > serverNow() + 60_000) found.stopTime = t('The stop time is in the future. Use the timer for work that is still going on.');
  return found;
}

/** The server's refusal placed on the field it concerns; an ambiguous autumn hour also becomes a choice. */
function placeServerError(error: unknown): { errors: EntryErrors; choice?: AmbiguousChoice } {
  if (!isApiError(error)) {
    return { errors: { form: getErrorMessage(error) } };
  }
  const message = getErrorMessage(error);
  const details = LocalTimeErrorDetailsSchema.safeParse(error.details);
  switch (error.code) {
    case 'LOCAL_TIME_NONEXISTENT':
    case 'LOCAL_TIME_AMBIGUOUS': {
      const field = details.success ? details.data.field : 'start';
      const errors = { [field === 'start' ? 'startTime' : 'stopTime']: message };
      if (error.code === 'LOCAL_TIME_AMBIGUOUS' && details.success) {
        return { errors, choice: { field, time: details.data.time, date: details.data.date, candidates: details.data.candidates } };
      }
      return { errors };
    }
    case 'STOP_BEFORE_START':
    case 'ENTRY_IN_FUTURE':
    case 'SESSION_TOO_SHORT':
    case 'SESSION_TOO_LONG':
      return { errors: { stopTime: message } };
    case 'NOTE_REQUIRED':
      return { errors: { note: message } };
    case 'CATEGORY_ARCHIVED':
      return { errors: { categoryId: message } };
    case 'CUSTOMER_ARCHIVED':
      return { errors: { customerId: message } };
    default: {
      const field = (error.details as { field?: string } | undefined)?.field;
      if (error.code === 'NOT_FOUND' && (field === 'customerId' || field === 'categoryId' || field === 'userId')) {
        return { errors: { [field]: message } };
      }
      // Not saved (no connection, an expired session, …): the draft stays on this device.
      return { errors: { form: error.code === 'NETWORK' ? t('Not saved: {reason} What you typed is kept on this device; try again.', { reason: message }) : message } };
    }
  }
}

/**
 * The manual-entry form's state and behaviour, without any markup: the values (kept as a draft
 * until the server confirms), validation with the shared body schema plus the checks a person
 * needs before sending (stop after start, not in the future), the request, and the server's
 * refusals placed on the field they concern. A wall time that happens twice (autumn) becomes a
 * choice between its two meanings.
 */
export function useEntryForm(options: EntryFormOptions) {
  const { mode, entry, origin, onClose, onSaved } = options;
  const me = useCurrentUser();
  const tz = me.organization.timeZone;
  const editing = mode === 'edit' && entry !== undefined;
  const running = editing && entry.stoppedAt === null;
  const create = useCreateEntry();
  const update = useUpdateEntry();
  const saving = create.isPending || update.isPending;

  const [pristine] = useState(() => initialValues(options, me.id, tz));
  const draft = useDraft<EntryDraft>(ENTRY_DRAFT_KIND, entryDraftId(origin, editing ? entry : null), {
    initial: () => ({ values: pristine, origin, entry: editing ? entry : null }),
    schema: EntryDraftSchema,
    // The untouched form is not worth keeping.
    worthKeeping: (d) => !sameValues(d.values, pristine),
  });
  const values = draft.value.values;
  const [offsets, setOffsets] = useState<Offsets>({});
  const [choice, setChoice] = useState<AmbiguousChoice | null>(null);
  const [errors, setErrors] = useState<EntryErrors>({});
  const stopDate = values.nextDay ? addDays(values.date, 1) : values.date;

  function set<K extends keyof EntryFormValues>(field: K, value: EntryFormValues[K]) {
    draft.setValue((d) => ({ ...d, values: { ...d.values, [field]: value } }));
    setErrors((e) => {
      const next = { ...e };
      for (const f of CLEARS[field]) delete next[f];
      delete next.form;
      return next;
    });
    // A changed wall time drops an earlier choice between the two meanings of an autumn hour.
    const which = field === 'date' ? 'both' : field === 'startTime' ? 'start' : field === 'stopTime' || field === 'nextDay' ? 'stop' : null;
    if (which) {
      setOffsets((o) => (which === 'both' ? {} : { ...o, [which]: undefined }));
      setChoice((c) => (c && (which === 'both' || c.field === which) ? null : c));
    }
  }

  function chooseOffset(field: 'start' | 'stop', offset: string) {
    setOffsets((o) => ({ ...o, [field]: offset }));
    setErrors((e) => {
      const next = { ...e };
      delete next[field === 'start' ? 'startTime' : 'stopTime'];
      return next;
    });
  }

  const body = () => requestBody(values, offsets, stopDate, editing, running);
  const validate = () => validateEntry(values, { editing, running, tz, stopDate, body: body() });
  function applyServerError(error: unknown) {
    const placed = placeServerError(error);
    setErrors(placed.errors);
    if (placed.choice) setChoice(placed.choice);
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const done = (saved: WorkEntry) => {
      draft.confirm();
      toast.success(editing ? t('Entry saved') : t('Entry added'));
      onSaved?.(saved);
      onClose();
    };
    if (editing) update.mutate({ id: entry.id, body: body() }, { onSuccess: done, onError: applyServerError });
    else create.mutate(body() as WorkEntryCreateBody, { onSuccess: done, onError: applyServerError });
  }

  /** Cancel or Escape: what was typed stays kept (not reopened by itself) for the next time. */
  function close() {
    if (saving) return;
    draft.keepClosed();
    onClose();
  }

  function discardDraft() {
    draft.discard();
    setErrors({});
    setOffsets({});
    setChoice(null);
  }

  return { values, set, errors, choice, offsets, chooseOffset, submit, close, saving, editing, running, restored: draft.restored, discardDraft, tz };
}
