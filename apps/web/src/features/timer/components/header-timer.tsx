import type { WorkEntry } from '@workdiary/shared';
import { useCallback, useState, type Ref } from 'react';
import { Button } from '../../../components/button';
import { PencilIcon, PlayIcon, StopIcon } from '../../../components/icons';
import { getErrorMessage } from '../../../lib/api-client';
import { useConnection } from '../../../lib/connection';
import { useCurrentUser } from '../../../lib/current-user';
import { useT } from '../../../lib/i18n/i18n';
import { useTimerStore } from '../../../stores/timer-store';
import { useRunningTimer } from '../api/timer';
import { useTimerFocus } from '../hooks/use-timer-focus';
import { TIMER_SHORTCUT, useTimerShortcut } from '../hooks/use-timer-shortcut';
import { EditRunningModal } from './edit-running-modal';
import { ElapsedCounter, TimerTitle } from './elapsed-counter';
import { TimerAnnouncer } from './timer-announcer';
import { TimerDialogs } from './timer-dialogs';
import './timer.css';

/**
 * The header's Start Work / Stop work control and live Entry Time counter. With the
 * organisation's `clientTimer` module off it is gone, except for a timer that was already
 * running: that one still shows and can be stopped. It subscribes to nothing that ticks: only
 * <ElapsedCounter> and <TimerTitle> re-render every second. Alt+Shift+S starts or stops.
 */
export function HeaderTimer() {
  // Also while the module is off: switching it back on reaches this tab live.
  const t = useT();
  const moduleOn = useCurrentUser().organization.clientTimer;
  const timer = useRunningTimer();
  const openStart = useTimerStore((s) => s.openStart);
  const openStop = useTimerStore((s) => s.openStop);
  const running = timer.data?.running ?? null;
  // While the server is away the counter stops: the session may have ended meanwhile.
  const unconfirmed = useConnection((s) => s.lostAt !== null);
  const controlRef = useTimerFocus('header', running?.id ?? null);
  const timeZone = useCurrentUser().organization.timeZone;
  const [editing, setEditing] = useState(false);
  const toggle = useCallback(() => (running ? openStop('header') : openStart('header')), [running, openStart, openStop]);
  useTimerShortcut(toggle, timer.isSuccess && (moduleOn || Boolean(running)));

  if (!moduleOn && !running) return <><TimerAnnouncer /><TimerDialogs owner="header" /></>;

  if (timer.isPending) {
    return (
      <div className="header-timer" aria-busy="true">
        <Button variant="primary" size="sm" loading loadingText={t('Timer…')} />
      </div>
    );
  }

  // Only when nothing is known: a failed refetch (an outage) keeps showing the last known timer,
  // "Not confirmed", and keeps its Note dialog open with the note (it would unmount here).
  if (timer.isError && !timer.data) {
    return (
      <div className="header-timer header-timer--error" role="alert">
        <span className="header-timer__error" title={getErrorMessage(timer.error)}>{t('Timer unavailable')}</span>
        <Button size="sm" onClick={() => void timer.refetch()} loading={timer.isFetching} loadingText={t('Retrying…')}>
          {t('Retry')}
        </Button>
      </div>
    );
  }

  return (
    <div className="header-timer">
      <TimerAnnouncer />
      {running ? (
        <RunningControls
          running={running}
          unconfirmed={unconfirmed}
          moduleOn={moduleOn}
          timeZone={timeZone}
          editing={editing}
          setEditing={setEditing}
          onSwitch={() => openStart('header')}
          controlRef={controlRef}
          onStop={() => openStop('header')}
        />
      ) : (
        <ShortcutButton stop={false} controlRef={controlRef} onClick={() => openStart('header')} />
      )}
      <TimerDialogs owner="header" />
    </div>
  );
}

type RunningProps = {
  running: WorkEntry;
  /** The server is away: the session may have ended meanwhile. */
  unconfirmed: boolean;
  moduleOn: boolean;
  timeZone: string;
  /** Kept by the header (it outlives this session's controls). */
  editing: boolean;
  setEditing: (editing: boolean) => void;
  onSwitch: () => void;
  onStop: () => void;
  controlRef: Ref<HTMLButtonElement>;
};

/** A running session: the customer and the counter, edit, Switch (with the module on) and Stop work. */
function RunningControls({ running, unconfirmed, moduleOn, timeZone, editing, setEditing, onSwitch, onStop, controlRef }: RunningProps) {
  const t = useT();
  return (
    <>
      <div className="header-timer__clock" title={`${running.customer.name} · ${running.category.name}`}>
        <span className="header-timer__dot" aria-hidden="true" />
        <span className="header-timer__text">
          <span className="header-timer__label">
            <span className="header-timer__state">{unconfirmed ? t('Not confirmed') : t('Entry Time')}</span> <span className="header-timer__customer">· {running.customer.name}</span>
          </span>
          <ElapsedCounter startedAt={running.startedAt} className="header-timer__counter" label={t('Entry Time')} />
        </span>
      </div>
      <TimerTitle startedAt={running.startedAt} />
      <Button
        size="sm"
        variant="ghost"
        className="header-timer__edit"
        icon={<PencilIcon size={16} />}
        onClick={() => setEditing(true)}
        aria-label={t('Edit the running session')}
        title={t('Edit the running session')}
      />
      {editing ? <EditRunningModal key={running.id} running={running} timeZone={timeZone} onClose={() => setEditing(false)} /> : null}
      {moduleOn ? (
        <Button size="sm" variant="secondary" className="header-timer__switch" onClick={onSwitch}>
          {t('Switch')}
        </Button>
      ) : null}
      <ShortcutButton stop controlRef={controlRef} onClick={onStop} />
    </>
  );
}

/** Start Work, or Stop work while a session runs: the control Alt+Shift+S stands for, and where focus returns. */
function ShortcutButton({ stop, controlRef, onClick }: { stop: boolean; controlRef: Ref<HTMLButtonElement>; onClick: () => void }) {
  const t = useT();
  return (
    <Button
      ref={controlRef}
      variant={stop ? 'danger' : 'primary'}
      size="sm"
      icon={stop ? <StopIcon size={16} /> : <PlayIcon size={16} />}
      onClick={onClick}
      aria-keyshortcuts="Alt+Shift+S"
      title={stop ? t('Stop work ({shortcut})', { shortcut: TIMER_SHORTCUT }) : t('Start Work ({shortcut})', { shortcut: TIMER_SHORTCUT })}
    >
      {stop ? <span className="header-timer__stop-label">{t('Stop work')}</span> : t('Start Work')}
    </Button>
  );
}
