import { create } from 'zustand';

/**
 * The server's clock is the truth (a running timer is measured from the server's `startedAt`).
 * Every API response carries `X-Server-Time` (ms since epoch); we estimate how far the browser's
 * clock is off and correct it, so a live counter shows the same time on every device.
 */
type Sample = { offsetMs: number; roundTripMs: number };

type ServerClockState = {
  /** serverTime − clientTime, in ms. 0 until the first response with the header arrives. */
  offsetMs: number;
  samples: Sample[];
};

// A few recent samples; the one with the shortest round trip has the smallest error.
const MAX_SAMPLES = 8;

export const useServerClock = create<ServerClockState>(() => ({ offsetMs: 0, samples: [] }));

export const SERVER_TIME_HEADER = 'X-Server-Time';

/** Record one response: `requestStart` and `responseEnd` are client `Date.now()` values. */
export function recordServerTime(headerValue: string | null, requestStart: number, responseEnd: number): void {
  if (headerValue === null || headerValue.trim() === '') return;
  const serverTime = Number(headerValue);
  if (!Number.isFinite(serverTime) || serverTime <= 0) return;
  const roundTripMs = Math.max(0, responseEnd - requestStart);
  const sample: Sample = { offsetMs: Math.round(serverTime - (requestStart + responseEnd) / 2), roundTripMs };
  const samples = [...useServerClock.getState().samples, sample].slice(-MAX_SAMPLES);
  const best = samples.reduce((a, b) => (b.roundTripMs < a.roundTripMs ? b : a));
  useServerClock.setState({ samples, offsetMs: best.offsetMs });
}

/** The server's current time in ms since epoch, as best we know it. */
export function serverNow(): number {
  return Date.now() + useServerClock.getState().offsetMs;
}

export function getServerOffsetMs(): number {
  return useServerClock.getState().offsetMs;
}

/** For tests. */
export function resetServerClock(): void {
  useServerClock.setState({ offsetMs: 0, samples: [] });
}
