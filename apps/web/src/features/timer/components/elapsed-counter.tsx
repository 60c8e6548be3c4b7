import { formatDuration } from '@workdiary/shared';
import { useEffect } from 'react';
import { useConnection } from '../../../lib/connection';
import { acquireTicker, useTimerStore } from '../../../stores/timer-store';
import { translate, useT } from '../../../lib/i18n/i18n';

/**
 * hh:mm:ss since the server's start instant, measured on the server's clock (offset-corrected).
 * While the server is unreachable it stops at the moment the connection was lost: whether the
 * session still runs is not known until the server answers again.
 */
export function useElapsedText(startedAt: string): string {
  const startMs = Date.parse(startedAt);
  const lostAt = useConnection((s) => s.lostAt);
  useEffect(() => acquireTicker(), []);
  // The selector returns the text: a tick that does not change it does not re-render.
  return useTimerStore((s) => formatDuration((lostAt ?? s.now) - startMs));
}

/** The live Entry Time counter: the only component a tick re-renders. Marked while not confirmed. */
export function ElapsedCounter({ startedAt, className, label = translate('Entry Time') }: { startedAt: string; className?: string; label?: string }) {
  const t = useT();
  const text = useElapsedText(startedAt);
  const unconfirmed = useConnection((s) => s.lostAt !== null);
  if (unconfirmed) {
    const note = t('not confirmed: the server cannot be reached');
    return (
      <span role="timer" aria-label={`${label} (${note})`} className={`${className ?? ''} elapsed--unconfirmed`.trim()} title={note} data-unconfirmed="true">
        {text}
        <span className="elapsed__unconfirmed" aria-hidden="true"> ?</span>
      </span>
    );
  }
  return (
    <span role="timer" aria-label={label} className={className}>
      {text}
    </span>
  );
}

const TITLE_PREFIX = /^[▶⏸] \d{2,}:\d{2}:\d{2} · /;

/** Puts the running time in front of the tab's title ("▶ 01:02:03 · Customers · Workdiary"; ⏸ while not confirmed). */
export function TimerTitle({ startedAt }: { startedAt: string }) {
  const text = useElapsedText(startedAt);
  const unconfirmed = useConnection((s) => s.lostAt !== null);
  useEffect(() => {
    // Pages set their own titles; keep theirs and only own the prefix.
    document.title = `${unconfirmed ? '⏸' : '▶'} ${text} · ${document.title.replace(TITLE_PREFIX, '')}`;
  }, [text, unconfirmed]);
  useEffect(() => () => {
    document.title = document.title.replace(TITLE_PREFIX, '');
  }, []);
  return null;
}
