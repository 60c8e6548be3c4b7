import type { WorkEntry } from '@workdiary/shared';
import { useId, useRef } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { TextAreaField, TextField } from '../../../components/text-field';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useEditRunningForm } from '../hooks/use-edit-running-form';

export type EditRunningModalProps = {
  running: WorkEntry;
  onClose: () => void;
  /** The organisation's zone: the start is shown and typed as its wall-clock time. */
  timeZone: string;
};

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
  const { note, setNote, timeText, timeError, moveBy, typeTime, submit, edit, stopped } = useEditRunningForm(running, timeZone, onClose);
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
        <StartTimeFields timeText={timeText} timeError={timeError} disabled={edit.isPending} onType={typeTime} onMove={moveBy} />
        {edit.error ? (
          <div className="form-alert" role="alert">
            {stopped ? t('The timer was stopped meanwhile: nothing was changed.') : t('Not saved: {reason}', { reason: getErrorMessage(edit.error) })}
          </div>
        ) : null}
      </form>
    </Modal>
  );
}

type StartProps = { timeText: string; timeError: string | null; disabled: boolean; onType: (value: string) => void; onMove: (minutes: number) => void };

/** The start: a time typed, or −5/−15/−30 min from the start shown. */
function StartTimeFields({ timeText, timeError, disabled, onType, onMove }: StartProps) {
  const t = useT();
  return (
    <div className="timer-edit__start">
      <TextField
        label={t('Started at')}
        type="time"
        value={timeText}
        required
        disabled={disabled}
        error={timeError}
        hint={t('Forgot to start? Move the start earlier.')}
        onChange={(e) => onType(e.target.value)}
      />
      <div className="timer-edit__shifts" role="group" aria-label={t('Move the start earlier')}>
        {SHIFTS.map((m) => (
          <Button key={m} size="sm" variant="secondary" disabled={disabled} onClick={() => onMove(m)} aria-label={t('{minutes} minutes earlier', { minutes: m })}>
            {t('−{minutes} min', { minutes: m })}
          </Button>
        ))}
      </div>
    </div>
  );
}
