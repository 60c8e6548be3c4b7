import { create } from 'zustand';

/**
 * One polite live region for the timer ("Timer started for Acme"): screen readers hear what a
 * click changed even when the control that was clicked is gone.
 */
export const useAnnouncement = create<{ message: string; seq: number }>(() => ({ message: '', seq: 0 }));

export function announce(message: string): void {
  useAnnouncement.setState((s) => ({ message, seq: s.seq + 1 }));
}
