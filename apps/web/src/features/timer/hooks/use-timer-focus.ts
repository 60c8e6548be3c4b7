import { useEffect, useRef } from 'react';
import { useTimerStore, type TimerOwner } from '../../../stores/timer-store';

/**
 * Start turns into Stop (and back): the button that opened the dialog is gone when it closes, so
 * focus would fall to <body>. The control that replaced it takes the focus instead — only in the
 * place (header or customer page) that opened the dialog.
 */
export function useTimerFocus(owner: TimerOwner, runningId: string | null) {
  const ref = useRef<HTMLButtonElement>(null);
  const dialogOpen = useTimerStore((s) => s.dialog !== null);
  useEffect(() => {
    if (dialogOpen || useTimerStore.getState().lastOwner !== owner) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost) ref.current?.focus();
  }, [owner, runningId, dialogOpen]);
  return ref;
}
