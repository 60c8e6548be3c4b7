import { create } from 'zustand';

/** Whether the browser is online and whether the API answered the last request. */
type ConnectionState = {
  browserOnline: boolean;
  apiReachable: boolean;
};

export const useConnection = create<ConnectionState>(() => ({
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  apiReachable: true,
}));

export function setApiReachable(apiReachable: boolean): void {
  if (useConnection.getState().apiReachable !== apiReachable) useConnection.setState({ apiReachable });
}

export function setBrowserOnline(browserOnline: boolean): void {
  if (useConnection.getState().browserOnline !== browserOnline) useConnection.setState({ browserOnline });
}

export function isConnectionLost(state: ConnectionState): boolean {
  return !state.browserOnline || !state.apiReachable;
}
