import { create } from 'zustand';
import { serverNow } from './server-clock';

/**
 * Whether the browser is online and whether the API answered the last request (or the live
 * stream is up). `lostAt`: the server's time when the connection was lost, null while it is fine.
 */
type ConnectionState = {
  browserOnline: boolean;
  apiReachable: boolean;
  lostAt: number | null;
};

export const useConnection = create<ConnectionState>(() => ({
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  apiReachable: true,
  lostAt: null,
}));

export function isConnectionLost(state: Pick<ConnectionState, 'browserOnline' | 'apiReachable'>): boolean {
  return !state.browserOnline || !state.apiReachable;
}

function update(change: Partial<Pick<ConnectionState, 'browserOnline' | 'apiReachable'>>): void {
  const state = useConnection.getState();
  const next = { ...state, ...change };
  if (next.browserOnline === state.browserOnline && next.apiReachable === state.apiReachable) return;
  const lost = isConnectionLost(next);
  useConnection.setState({ ...change, lostAt: lost ? (state.lostAt ?? serverNow()) : null });
}

export function setApiReachable(apiReachable: boolean): void {
  update({ apiReachable });
}

export function setBrowserOnline(browserOnline: boolean): void {
  update({ browserOnline });
}

/** For tests. */
export function resetConnection(): void {
  useConnection.setState({ browserOnline: true, apiReachable: true, lostAt: null });
}
