import { create } from 'zustand';
import { serverNow } from '../lib/server-clock';

/**
 * The header timer's UI state only (ARCHITECTURE.md habit 5): which timer dialog is open and the
 * ticking `now`. The running entry itself is server state (react-query, key ['timer']).
 * Components select what they show (e.g. the formatted elapsed time), so a tick re-renders only
 * the components whose text changed.
 */

/** Where a dialog was opened from: the header, or the customer page's At work panel. */
export type TimerOwner = 'header' | 'panel';
export type TimerCustomer = { id: string; name: string };

export type TimerDialog =
  | { kind: 'start'; owner: TimerOwner; /** Fixed customer (the customer page); absent → pick one. */ customer?: TimerCustomer; /** Pre-selected ("Continue" a session). */ categoryId?: string }
  | { kind: 'stop'; owner: TimerOwner }
  | null;

type TimerUiState = {
  /** The server's time (ms) at the last tick. */
  now: number;
  dialog: TimerDialog;
  /** Who opened the last dialog: its control takes the focus back when the dialog closes. */
  lastOwner: TimerOwner | null;
  tick: () => void;
  openStart: (owner: TimerOwner, customer?: TimerCustomer, categoryId?: string) => void;
  openStop: (owner: TimerOwner) => void;
  closeDialog: () => void;
};

export const useTimerStore = create<TimerUiState>((set) => ({
  now: serverNow(),
  dialog: null,
  lastOwner: null,
  tick: () => set({ now: serverNow() }),
  openStart: (owner, customer, categoryId) => set({ dialog: { kind: 'start', owner, customer, categoryId }, lastOwner: owner, now: serverNow() }),
  openStop: (owner) => set({ dialog: { kind: 'stop', owner }, lastOwner: owner, now: serverNow() }),
  closeDialog: () => set({ dialog: null }),
}));

// Several counters (header, customer page, title) share one clock: ticking runs while any needs it.
const TICK_MS = 250;
let tickers = 0;
let interval: ReturnType<typeof setInterval> | null = null;

/** Starts the shared tick (4×/s; components only re-render when their text changes). Returns the release. */
export function acquireTicker(): () => void {
  tickers += 1;
  useTimerStore.getState().tick();
  interval ??= setInterval(() => useTimerStore.getState().tick(), TICK_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    tickers -= 1;
    if (tickers === 0 && interval !== null) {
      clearInterval(interval);
      interval = null;
    }
  };
}

/** For tests. */
export function resetTimerStore(): void {
  useTimerStore.setState({ now: serverNow(), dialog: null, lastOwner: null });
}
