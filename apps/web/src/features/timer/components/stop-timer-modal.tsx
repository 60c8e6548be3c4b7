import { formatDuration, type WorkEntry } from '@workdiary/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { StopIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError, type ApiError } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { localTime } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useOwnRules } from '../../../lib/own-rules';
import { useDiscardTimer, useStopTimer } from '../api/timer';
import { useNoteDraft } from '../hooks/use-note-draft';
import { announce } from '../lib/announce';
import { ElapsedCounter } from './elapsed-counter';

/** Refusals of the work rules: the user may add a note, keep the timer running, or discard. */
export function isRuleRefusal(error: unknown): error is ApiError {
  return isApiError(error, 422) || isApiError(error, 'ENTRY_OVERLAP') || isApiError(error, 'STOP_BEFORE_START');
}

export type StopTimerModalProps = {
  running: WorkEntry;
  onClose: () => void;
  /** The organisation's zone, for the start's wall-clock time. */
  timeZone: string;
};

/** The "Note" dialog: describe the work → Stop. The same dialog serves the header and the customer page. */
export function StopTimerModal({ running, onClose, timeZone }: StopTimerModalProps) {
  const t = useT();
  const me = useCurrentUser();
  const formId = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const draft = useNoteDraft(running.id);
  const noteRequired = useOwnRules(me.id).data?.noteRequired ?? false;
  const [missing, setMissing] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const alreadyStopped = (error: unknown) => isApiError(error, 'TIMER_NOT_RUNNING');
  const stop = useStopTimer({
    onSuccess: (entry) => {
      draft.confirm();
      onClose();
      const ms = Date.parse(entry.stoppedAt ?? entry.startedAt) - Date.parse(entry.startedAt);
      const message = t('Saved {duration} for {customer}.', { duration: formatDuration(ms), customer: entry.customer.name });
      toast.success(message);
      announce(t('Timer stopped. {message}', { message }));
      if (entry.flagged) {
        toast.info(t('This session is longer than your maximum, so it was flagged for a manager to review.'), { duration: 10_000 });
      }
    },
    // Stopped elsewhere: the timer dialogs show what happened and offer the kept note.
    onError: () => undefined,
  });
  const discard = useDiscardTimer({
    onSuccess: () => {
      draft.confirm();
      setConfirmDiscard(false);
      onClose();
      toast.success(t('The session was discarded.'));
      announce(t('The session was discarded.'));
    },
    onError: (error) => {
      setConfirmDiscard(false);
      if (!alreadyStopped(error)) toast.error(error);
    },
  });

  const busy = stop.isPending || discard.isPending;
  const close = () => {
    if (busy) return;
    draft.keepClosed();
    onClose();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    // A required note is checked here first: one message, under the field, before any request.
    if (noteRequired && draft.note.trim() === '') {
      setMissing(true);
      noteRef.current?.focus();
      return;
    }
    setMissing(false);
    stop.mutate(draft.note);
  }

  const refusal = isRuleRefusal(stop.error) ? stop.error : null;
  const noteRefused = refusal?.code === 'NOTE_REQUIRED' && draft.note.trim() === '';
  const noteError = missing || noteRefused ? t('Add a note to stop the timer.') : null;
  const otherError = stop.error && !refusal && !alreadyStopped(stop.error) ? getErrorMessage(stop.error) : null;
  const since = localTime(running.startedAt, timeZone);

  return (
    <>
      <Modal
        open
        title={t('Note')}
        description={t('Describe the work done in this session, then stop the timer.')}
        onClose={close}
        closeOnBackdrop={false}
        initialFocusRef={noteRef}
        footer={
          <>
            <Button variant="ghost" onClick={close} disabled={busy}>
              {t('Cancel')}
            </Button>
            <Button type="submit" form={formId} variant="danger" icon={<StopIcon size={16} />} loading={stop.isPending} loadingText={t('Stopping…')} disabled={discard.isPending}>
              {t('Stop')}
            </Button>
          </>
        }
      >
        <form id={formId} className="timer-form" onSubmit={submit} noValidate>
          <RunningSummary running={running} since={since} />
          <TextAreaField
            ref={noteRef}
            label={t('Note')}
            value={draft.note}
            maxLength={2000}
            rows={4}
            required={noteRequired}
            placeholder={t('What did you work on?')}
            disabled={busy}
            error={noteError}
            hint={t('Ctrl+Enter stops the timer. Your note is kept on this device until it is saved.')}
            onChange={(event) => {
              draft.setNote(event.target.value);
              if (event.target.value.trim()) setMissing(false);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
            }}
          />
          {otherError ? (
            <div className="form-alert" role="alert">
              {t('Not saved: {reason} Your note is kept; try again.', { reason: otherError })}
            </div>
          ) : null}
          {refusal && !noteRefused ? (
            <p className="timer-refusal__message form-alert" role="alert">{getErrorMessage(refusal)}</p>
          ) : null}
          {/* A missing note has its one message under the field; the choices follow any refusal. */}
          {refusal || missing ? (
            <div className="timer-refusal" role="group" aria-label={t('What now?')}>
              <div className="timer-refusal__actions">
                <Button size="sm" variant="secondary" onClick={close} disabled={busy}>
                  {t('Keep the timer running')}
                </Button>
                <Button size="sm" variant="ghost" className="timer-refusal__discard" onClick={() => setConfirmDiscard(true)} disabled={busy}>
                  {t('Discard the session')}
                </Button>
              </div>
            </div>
          ) : null}
        </form>
      </Modal>
      <ConfirmDialog
        open={confirmDiscard}
        title={t('Discard this session?')}
        message={t('The time since {since} for {customer} will not be saved. This cannot be undone.', { since, customer: running.customer.name })}
        confirmLabel={t('Discard session')}
        cancelLabel={t('Keep it')}
        loading={discard.isPending}
        loadingText={t('Discarding…')}
        onConfirm={() => discard.mutate(running)}
        onCancel={() => setConfirmDiscard(false)}
      />
    </>
  );
}

/** Customer, category, start and the live time of the running session. */
export function RunningSummary({ running, since }: { running: WorkEntry; since: string }) {
  const t = useT();
  return (
    <dl className="timer-summary">
      <div>
        <dt>{t('Customer')}</dt>
        <dd>{running.customer.name}</dd>
      </div>
      <div>
        <dt>{t('Category')}</dt>
        <dd>{running.category.name}</dd>
      </div>
      <div>
        <dt>{t('Since')}</dt>
        <dd>{since}</dd>
      </div>
      <div>
        <dt>{t('Entry Time')}</dt>
        <dd>
          <ElapsedCounter startedAt={running.startedAt} className="timer-summary__counter" label={t('Entry Time')} />
        </dd>
      </div>
    </dl>
  );
}
