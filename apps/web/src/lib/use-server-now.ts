import { useEffect, useState } from 'react';
import { serverNow } from './server-clock';

/** The server's "now" in ms, re-read every `intervalMs` while `active` (e.g. while a row is running). */
export function useServerNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    if (!active) return;
    setNow(serverNow());
    const timer = setInterval(() => setNow(serverNow()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
