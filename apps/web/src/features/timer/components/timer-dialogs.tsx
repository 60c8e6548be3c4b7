import { useIsMutating } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { WorkEntry } from '@workdiary/shared';
import { useCurrentUser } from '../../../lib/current-user';
import { useTimerStore, type TimerOwner } from '../../../stores/timer-store';
import { TIMER_WRITE_KEY, useRunningTimer } from '../api/timer';
import { listNoteDrafts, readNoteDraft } from '../lib/note-draft';
import { StartTimerModal } from './start-timer-modal';
import { StopTimerModal } from './stop-timer-modal';
import { StoppedElsewhereDialog } from './stopped-elsewhere-dialog';

type Orphan = { entryId: string; note: string };

/**
 * The timer's dialogs, rendered by the place that opened them (header or customer page), so
 * either works without the other and both open the very same dialogs. The header's instance
 * also brings back a note the page lost: it reopens the Note dialog after a sign-in, and says
 * so when the session was stopped elsewhere meanwhile.
 */
export function TimerDialogs({ owner }: { owner: TimerOwner }) {
  const me = useCurrentUser();
  const dialog = useTimerStore((s) => (s.dialog?.owner === owner ? s.dialog : null));
  const closeDialog = useTimerStore((s) => s.closeDialog);
  const openStop = useTimerStore((s) => s.openStop);
  const timeZone = me.organization.timeZone;
  const timer = useRunningTimer();
  const running = timer.data?.running ?? null;
  const lastRunning = useRef<WorkEntry | null>(null);
  if (running) lastRunning.current = running;
  const [orphan, setOrphan] = useState<Orphan | null>(null);
  // This tab's own stop or discard still waiting for its answer is not "elsewhere": its live event
  // may refetch the timer before the answer comes, and the answer then confirms the note.
  const ownWrite = useIsMutating({ mutationKey: TIMER_WRITE_KEY }) > 0;
  const stoppedElsewhere = dialog?.kind === 'stop' && timer.isSuccess && !running && !ownWrite;

  useEffect(() => {
    // Stopped in another tab or by a manager while the Note dialog was open.
    if (!stoppedElsewhere) return;
    closeDialog();
    const gone = lastRunning.current;
    const kept = gone ? readNoteDraft(me.id, gone.id) : null;
    if (gone && kept?.note.trim()) setOrphan({ entryId: gone.id, note: kept.note });
  }, [stoppedElsewhere, closeDialog, me.id]);

  const checked = useRef(false);
  useEffect(() => {
    if (owner !== 'header' || checked.current || !timer.isSuccess) return;
    checked.current = true;
    const drafts = listNoteDrafts(me.id);
    const mine = running ? drafts.find((d) => d.entryId === running.id) : undefined;
    // The page went away with the Note dialog open (expired session, reload): bring it back.
    if (mine?.open) openStop('header');
    const lost = drafts.find((d) => d.entryId !== running?.id && d.note.trim());
    if (lost) setOrphan({ entryId: lost.entryId, note: lost.note });
  }, [owner, timer.isSuccess, running, me.id, openStop]);

  const orphanDialog = orphan ? <StoppedElsewhereDialog entryId={orphan.entryId} note={orphan.note} onClose={() => setOrphan(null)} /> : null;
  if (!dialog) return orphanDialog;
  if (dialog.kind === 'start') return <StartTimerModal customer={dialog.customer} categoryId={dialog.categoryId} running={running} onClose={closeDialog} />;
  if (!running) return orphanDialog;
  return <StopTimerModal key={running.id} running={running} onClose={closeDialog} timeZone={timeZone} />;
}
