import { Button } from '../../../components/button';
import { PlayIcon, StopIcon } from '../../../components/icons';
import { getErrorMessage } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { useTimerStore } from '../../../stores/timer-store';
import { useRunningTimer } from '../api/timer';
import { ElapsedCounter, TimerTitle } from './elapsed-counter';
import { TimerDialogs } from './timer-dialogs';
import './timer.css';

/**
 * The header's Start Work / Stop work control and live Entry Time counter. With the
 * organisation's `clientTimer` module off it is gone, except for a timer that was already
 * running: that one still shows and can be stopped. It subscribes to nothing that ticks: only
 * <ElapsedCounter> and <TimerTitle> re-render every second.
 */
export function HeaderTimer() {
  // Also while the module is off: switching it back on reaches this tab live.
  const moduleOn = useCurrentUser().organization.clientTimer;
  const timer = useRunningTimer();
  const openStart = useTimerStore((s) => s.openStart);
  const openStop = useTimerStore((s) => s.openStop);

  if (!moduleOn && !timer.data?.running) return <TimerDialogs owner="header" />;

  if (timer.isPending) {
    return (
      <div className="header-timer" aria-busy="true">
        <Button variant="primary" size="sm" loading loadingText="Timer…" />
      </div>
    );
  }

  if (timer.isError) {
    return (
      <div className="header-timer header-timer--error" role="alert">
        <span className="header-timer__error" title={getErrorMessage(timer.error)}>Timer unavailable</span>
        <Button size="sm" onClick={() => void timer.refetch()} loading={timer.isFetching} loadingText="Retrying…">
          Retry
        </Button>
      </div>
    );
  }

  const running = timer.data.running;
  return (
    <div className="header-timer">
      {running ? (
        <>
          <div className="header-timer__clock" title={`${running.customer.name} · ${running.category.name}`}>
            <span className="header-timer__dot" aria-hidden="true" />
            <span className="header-timer__text">
              <span className="header-timer__label">
                Entry Time <span className="header-timer__customer">· {running.customer.name}</span>
              </span>
              <ElapsedCounter startedAt={running.startedAt} className="header-timer__counter" />
            </span>
          </div>
          <TimerTitle startedAt={running.startedAt} />
          <Button variant="danger" size="sm" icon={<StopIcon size={16} />} onClick={() => openStop('header')}>
            Stop work
          </Button>
        </>
      ) : (
        <Button variant="primary" size="sm" icon={<PlayIcon size={16} />} onClick={() => openStart('header')}>
          Start Work
        </Button>
      )}
      <TimerDialogs owner="header" />
    </div>
  );
}
