import { localDateOf, localTimeOf, localToInstant, type WorkEntry } from '@workdiary/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { TextAreaField, TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useEditTimer } from '../api/timer';
import { announce } from '../lib/announce';

export type EditRunningModalProps = {
  running: WorkEntry;
  onClose: () => void;
  /** The organisation's zone: the start is shown and typed as its wall-clock time. */
  timeZone: string;
};

const MIN = 60_000;
const SHIFTS = [5, 15, 30] as const;

/**
 * Edit the running session: what is being worked on (kept at the stop) and, for a timer started
 * late, an earlier start: −5/−15/−30 min from the start shown, or a time typed. PATCH /api/timer
 * judges it by the work rules; a refusal is shown here and changes nothing.
 */
export function EditRunningModal({ running, onClose, timeZone }: EditRunningModalProps) {
  const t = useT();
  const formId = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState(running.note);
  const original = Date.parse(running.startedAt);
  const [start, setStart] = useState(original);
  const [timeText, setTimeText] = useState(localTimeOf(new Date(original), timeZone));
  const [timeError, setTimeError] = useState<string | null>(null);
  const edit = useEditTimer({
    onSuccess: () => {
      onClose();
      toast.success(t('The running session was updated.'));
      announce(t('The running session was updated.'));
    },
  });

  const moveBy = (minutes: number) => {
    const next = start - minutes * MIN;
    setStart(next);
    setTimeText(localTimeOf(new Date(next), timeZone));
    setTimeError(null);
  };

  const typeTime = (value: string) => {
    setTimeText(value);
    if (!/^\d{2}:\d{2}$/.test(value)) return;
    const day = localDateOf(new Date(original), timeZone);
    const result = localToInstant(day, value, timeZone);
    if (result.ok) {
      setStart(result.instant.getTime());
      setTimeError(null);
    } else {
      setTimeError(t('This time does not exist on that day (the clocks change). Choose another time.'));
    }
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (edit.isPending || timeError) return;
    const body: { note?: string; startedAt?: string } = {};
    if (note.trim() !== running.note) body.note = note;
    if (start !== original) body.startedAt = new Date(start).toISOString();
    if (body.note === undefined && body.startedAt === undefined) {
      onClose();
      return;
    }
    edit.mutate(body);
  }

  const stopped = isApiError(edit.error, 'TIMER_NOT_RUNNING');
  return (
    <Modal
      open
      title={t('Edit the running session')}
      description={t('{customer} · {category}', { customer: running.customer.name, category: running.category.name })}
      onClose={() => !edit.isPending && onClose()}
      initialFocusRef={noteRef}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={edit.isPending}>{t('Cancel')}</Button>
          <Button type="submit" form={formId} variant="primary" loading={edit.isPending} loadingText={t('Saving…')} disabled={stopped}>
            {t('Save')}
          </Button>
        </>
      }
    >
      <form id={formId} className="timer-form" onSubmit={submit} noValidate>
        <TextAreaField
          ref={noteRef}
          label={t('Note')}
          value={note}
          maxLength={2000}
          rows={3}
          placeholder={t('What are you working on?')}
          hint={t('Kept when you stop the timer.')}
          disabled={edit.isPending}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="timer-edit__start">
          <TextField
            label={t('Started at')}
            type="time"
            value={timeText}
            required
            disabled={edit.isPending}
            error={timeError}
            hint={t('Forgot to start? Move the start earlier.')}
            onChange={(e) => typeTime(e.target.value)}
          />
          <div className="timer-edit__shifts" role="group" aria-label={t('Move the start earlier')}>
            {SHIFTS.map((m) => (
              <Button key={m} size="sm" variant="secondary" disabled={edit.isPending} onClick={() => moveBy(m)} aria-label={t('{minutes} minutes earlier', { minutes: m })}>
                {t('−{minutes} min', { minutes: m })}
              </Button>
            ))}
          </div>
        </div>
        {edit.error ? (
          <div className="form-alert" role="alert">
            {stopped ? t('The timer was stopped meanwhile: nothing was changed.') : t('Not saved: {reason}', { reason: getErrorMessage(edit.error) })}
          </div>
        ) : null}
      </form>
    </Modal>
  );
}
