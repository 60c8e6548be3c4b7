import { localDateOf, localTimeOf, localToInstant, type WorkEntry } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { toast } from '../../../components/toast';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useEditTimer } from '../api/timer';
import { announce } from '../lib/announce';

const MIN = 60_000;

/**
 * The Edit-the-running-session form: the note, the start (moved earlier by minutes or typed as the
 * zone's wall-clock time) and the PATCH, sent only with what changed (nothing changed: it closes).
 */
export function useEditRunningForm(running: WorkEntry, timeZone: string, onClose: () => void) {
  const t = useT();
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

  /** The timer stopped meanwhile (elsewhere): nothing can be saved. */
  const stopped = isApiError(edit.error, 'TIMER_NOT_RUNNING');
  return { note, setNote, timeText, timeError, moveBy, typeTime, submit, edit, stopped };
}
