import { formatDuration, type WorkEntry } from '@workdiary/shared';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { localTime } from '../../../components/entries/entry-time';
import { StopIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError, type ApiError } from '../../../lib/api-client';
import { useDiscardTimer, useStopTimer } from '../api/timer';
import { ElapsedCounter } from './elapsed-counter';

/** Refusals of the work rules: the user may add a note, keep the timer running, or discard. */
function isRuleRefusal(error: unknown): error is ApiError {
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
  const formId = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState('');
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const alreadyStopped = (error: unknown) => {
    if (!isApiError(error, 'TIMER_NOT_RUNNING')) return false;
    onClose();
    toast.info('The timer was already stopped, perhaps in another tab.');
    return true;
  };
  const stop = useStopTimer({
    onSuccess: (entry) => {
      onClose();
      const ms = Date.parse(entry.stoppedAt ?? entry.startedAt) - Date.parse(entry.startedAt);
      toast.success(`Saved ${formatDuration(ms)} for ${entry.customer.name}.`);
      if (entry.flagged) {
        toast.info('This session is longer than your maximum, so it was flagged for a manager to review.', { duration: 10_000 });
      }
    },
    onError: alreadyStopped,
  });
  const discard = useDiscardTimer({
    onSuccess: () => {
      setConfirmDiscard(false);
      onClose();
      toast.success('The session was discarded.');
    },
    onError: (error) => {
      setConfirmDiscard(false);
      if (!alreadyStopped(error)) toast.error(error);
    },
  });

  const busy = stop.isPending || discard.isPending;
  const close = () => {
    if (!busy) onClose();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    stop.mutate(note);
  }

  const refusal = isRuleRefusal(stop.error) ? stop.error : null;
  const noteMissing = refusal?.code === 'NOTE_REQUIRED' && note.trim() === '';
  const otherError = stop.error && !refusal ? getErrorMessage(stop.error) : null;
  const since = localTime(running.startedAt, timeZone);

  return (
    <>
      <Modal
        open
        title="Note"
        description="Describe the work done in this session, then stop the timer."
        onClose={close}
        closeOnBackdrop={false}
        initialFocusRef={noteRef}
        footer={
          <>
            <Button variant="ghost" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="danger" icon={<StopIcon size={16} />} loading={stop.isPending} loadingText="Stopping…" disabled={discard.isPending}>
              Stop
            </Button>
          </>
        }
      >
        <form id={formId} className="timer-form" onSubmit={submit} noValidate>
          <dl className="timer-summary">
            <div>
              <dt>Customer</dt>
              <dd>{running.customer.name}</dd>
            </div>
            <div>
              <dt>Category</dt>
              <dd>{running.category.name}</dd>
            </div>
            <div>
              <dt>Since</dt>
              <dd>{since}</dd>
            </div>
            <div>
              <dt>Entry Time</dt>
              <dd>
                <ElapsedCounter startedAt={running.startedAt} className="timer-summary__counter" />
              </dd>
            </div>
          </dl>
          <TextAreaField
            ref={noteRef}
            label="Note"
            value={note}
            maxLength={2000}
            rows={4}
            placeholder="What did you work on?"
            disabled={busy}
            error={noteMissing ? 'Add a note to stop the timer.' : null}
            hint="Ctrl+Enter stops the timer."
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
            }}
          />
          {otherError ? (
            <div className="form-alert" role="alert">
              {otherError}
            </div>
          ) : null}
          {refusal ? (
            <div className="timer-refusal" role="alert">
              <p className="timer-refusal__message">{refusal.message}</p>
              <div className="timer-refusal__actions">
                {refusal.code === 'NOTE_REQUIRED' ? (
                  <Button size="sm" variant="secondary" onClick={() => noteRef.current?.focus()} disabled={busy}>
                    Add a note
                  </Button>
                ) : null}
                <Button size="sm" variant="secondary" onClick={close} disabled={busy}>
                  Keep the timer running
                </Button>
                <Button size="sm" variant="ghost" className="timer-refusal__discard" onClick={() => setConfirmDiscard(true)} disabled={busy}>
                  Discard the session
                </Button>
              </div>
            </div>
          ) : null}
        </form>
      </Modal>
      <ConfirmDialog
        open={confirmDiscard}
        title="Discard this session?"
        message={`The time since ${since} for ${running.customer.name} will not be saved. This cannot be undone.`}
        confirmLabel="Discard session"
        cancelLabel="Keep it"
        loading={discard.isPending}
        loadingText="Discarding…"
        onConfirm={() => discard.mutate(running)}
        onCancel={() => setConfirmDiscard(false)}
      />
    </>
  );
}
