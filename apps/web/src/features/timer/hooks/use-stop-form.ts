import { formatDuration, type WorkEntry } from '@workdiary/shared';
import { useRef, useState, type FormEvent } from 'react';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { useT } from '../../../lib/i18n/i18n';
import { useOwnRules } from '../../../lib/own-rules';
import { useDiscardTimer, useStopTimer } from '../api/timer';
import { announce } from '../lib/announce';
import { isRuleRefusal } from '../lib/rule-refusal';
import { useNoteDraft } from './use-note-draft';

const alreadyStopped = (error: unknown) => isApiError(error, 'TIMER_NOT_RUNNING');

/** The Stop and the Discard request; either one, once done, forgets the note's draft, closes and says so. */
function useStopMutations(onClose: () => void, draft: ReturnType<typeof useNoteDraft>, setConfirmDiscard: (open: boolean) => void) {
  const t = useT();
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
  return { stop, discard };
}

/**
 * The Stop dialog's state: the running session's note (a draft on the device until saved), the
 * required-note check before any request, the Stop and Discard requests and what their refusals
 * say (under the note, or above the choices Keep running / Discard).
 */
export function useStopForm(running: WorkEntry, onClose: () => void) {
  const t = useT();
  const me = useCurrentUser();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const draft = useNoteDraft(running.id, running.note);
  const noteRequired = useOwnRules(me.id).data?.noteRequired ?? false;
  const [missing, setMissing] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const { stop, discard } = useStopMutations(onClose, draft, setConfirmDiscard);

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
  return {
    noteRef, draft, noteRequired, missing, busy, close, submit, refusal, noteRefused,
    stopping: stop.isPending,
    discarding: discard.isPending,
    discard: () => discard.mutate(running),
    confirmDiscard, setConfirmDiscard,
    noteError: missing || noteRefused ? t('Add a note to stop the timer.') : null,
    otherError: stop.error && !refusal && !alreadyStopped(stop.error) ? getErrorMessage(stop.error) : null,
    changeNote: (note: string) => {
      draft.setNote(note);
      if (note.trim()) setMissing(false);
    },
  };
}
