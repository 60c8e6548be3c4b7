import { useEffect, useState } from 'react';
import { serverNow } from '../../../lib/server-clock';

/** The server's "now" in ms, re-rendering the caller every `intervalMs` (for elapsed counters). */
export function useServerNow(intervalMs = 1000, enabled = true): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => setNow(serverNow()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, enabled]);
  return now;
}
