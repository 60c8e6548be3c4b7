import { use, useEffect } from 'react';
import { CurrentUserContext } from '../../../lib/current-user';
import { useTimerStore, type TimerOwner } from '../../../stores/timer-store';
import { useRunningTimer } from '../api/timer';
import { StartTimerModal } from './start-timer-modal';
import { StopTimerModal } from './stop-timer-modal';

/**
 * The timer's dialogs, rendered by the place that opened them (header or customer page), so
 * either works without the other and both open the very same dialogs.
 */
export function TimerDialogs({ owner }: { owner: TimerOwner }) {
  const dialog = useTimerStore((s) => (s.dialog?.owner === owner ? s.dialog : null));
  const closeDialog = useTimerStore((s) => s.closeDialog);
  const timeZone = use(CurrentUserContext)?.organization.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timer = useRunningTimer();
  const running = timer.data?.running ?? null;
  const stoppedElsewhere = dialog?.kind === 'stop' && timer.isSuccess && !running;

  useEffect(() => {
    // Stopped in another tab or by a manager while the Note dialog was open.
    if (stoppedElsewhere) closeDialog();
  }, [stoppedElsewhere, closeDialog]);

  if (!dialog) return null;
  if (dialog.kind === 'start') return <StartTimerModal customer={dialog.customer} onClose={closeDialog} />;
  if (!running) return null;
  return <StopTimerModal key={running.id} running={running} onClose={closeDialog} timeZone={timeZone} />;
}
