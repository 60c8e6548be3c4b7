import { formatDuration } from '@workdiary/shared';
import { useEffect } from 'react';
import { acquireTicker, useTimerStore } from '../../../stores/timer-store';
import { translate } from '../../../lib/i18n/i18n';

/** hh:mm:ss since the server's start instant, measured on the server's clock (offset-corrected). */
export function useElapsedText(startedAt: string): string {
  const startMs = Date.parse(startedAt);
  useEffect(() => acquireTicker(), []);
  // The selector returns the text: a tick that does not change it does not re-render.
  return useTimerStore((s) => formatDuration(s.now - startMs));
}

/** The live Entry Time counter: the only component a tick re-renders. */
export function ElapsedCounter({ startedAt, className, label = translate('Entry Time') }: { startedAt: string; className?: string; label?: string }) {
  const text = useElapsedText(startedAt);
  return (
    <span role="timer" aria-label={label} className={className}>
      {text}
    </span>
  );
}

const TITLE_PREFIX = /^▶ \d{2,}:\d{2}:\d{2} · /;

/** Puts the running time in front of the tab's title ("▶ 01:02:03 · Customers · Workdiary"). */
export function TimerTitle({ startedAt }: { startedAt: string }) {
  const text = useElapsedText(startedAt);
  useEffect(() => {
    // Pages set their own titles; keep theirs and only own the prefix.
    document.title = `▶ ${text} · ${document.title.replace(TITLE_PREFIX, '')}`;
  }, [text]);
  useEffect(() => () => {
    document.title = document.title.replace(TITLE_PREFIX, '');
  }, []);
  return null;
}
