import { useEffect, useState } from 'react';

/** The phone width: the week shows one day there, My month a list instead of its days table. */
export const PHONE_WIDTH = '(max-width: 640px)';

/** Whether `query` matches now, following its changes; false where matchMedia is missing. */
export function useMediaQuery(query: string): boolean {
  const supported = typeof window !== 'undefined' && typeof window.matchMedia === 'function';
  const [matches, setMatches] = useState(() => supported && window.matchMedia(query).matches);
  useEffect(() => {
    if (!supported) return;
    const mq = window.matchMedia(query);
    const on = () => setMatches(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [supported, query]);
  return matches;
}

/** True at phone width (`PHONE_WIDTH`). */
export function usePhoneWidth(): boolean {
  return useMediaQuery(PHONE_WIDTH);
}
