import type { CustomerAtWorkItem } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { localTime } from '../../../components/entries/entry-time';
import { PlayIcon, StopIcon } from '../../../components/icons';
import { getErrorMessage } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { useTimerStore } from '../../../stores/timer-store';
import { useCustomerAtWork, useRunningTimer } from '../api/timer';
import { ElapsedCounter } from './elapsed-counter';
import { TimerDialogs } from './timer-dialogs';
import './timer.css';

export type AtWorkPanelProps = { customer: { id: string; name: string; archived: boolean } };

/**
 * Under a customer's contact details: the green "At work" button (Category → Submit), which turns
 * into a red "Stop work" while the signed-in user works for this customer, and the live
 * "At Work" badge naming everyone working for the customer right now. One timer, two controls:
 * the header shows the same session and both open the same dialogs.
 */
export function AtWorkPanel({ customer }: AtWorkPanelProps) {
  const me = useCurrentUser();
  const timer = useRunningTimer();
  const openStart = useTimerStore((s) => s.openStart);
  const openStop = useTimerStore((s) => s.openStop);
  const running = timer.data?.running ?? null;
  const mineHere = running?.customerId === customer.id;
  const moduleOn = me.organization.clientTimer;

  let hint: string | null = null;
  if (!mineHere) {
    if (!moduleOn) hint = 'The Client Timer module is switched off.';
    else if (customer.archived) hint = 'This customer is archived: time cannot be tracked for it.';
    else if (running) hint = `Your timer is running for ${running.customer.name}. Stop it there first.`;
    else if (timer.isError) hint = `The timer could not be loaded: ${getErrorMessage(timer.error)}`;
  }

  return (
    <section className="at-work-panel" aria-label="At work">
      <div className="at-work-panel__actions">
        {mineHere ? (
          <>
            <Button variant="danger" icon={<StopIcon size={16} />} onClick={() => openStop('panel')}>
              Stop work
            </Button>
            <ElapsedCounter startedAt={running.startedAt} className="at-work-panel__counter" />
          </>
        ) : moduleOn ? (
          <Button
            variant="primary"
            icon={<PlayIcon size={16} />}
            loading={timer.isPending}
            loadingText="At work"
            disabled={customer.archived || Boolean(running) || timer.isError}
            onClick={() => openStart('panel', { id: customer.id, name: customer.name })}
          >
            At work
          </Button>
        ) : null}
        {hint ? <span className="at-work-panel__hint">{hint}</span> : null}
      </div>
      <AtWorkBadge customerId={customer.id} timeZone={me.organization.timeZone} />
      <TimerDialogs owner="panel" />
    </section>
  );
}

function AtWorkBadge({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const atWork = useCustomerAtWork(customerId);
  if (atWork.isPending) return <span className="skeleton" style={{ width: 160 }} aria-label="Loading who is at work" />;
  if (atWork.isError) {
    return (
      <div className="at-work-panel__actions">
        <span className="at-work-panel__hint">Could not load who is at work: {getErrorMessage(atWork.error)}</span>
        <Button size="sm" variant="ghost" onClick={() => void atWork.refetch()} loading={atWork.isFetching} loadingText="Retrying…">
          Retry
        </Button>
      </div>
    );
  }
  if (atWork.data.length === 0) return <p className="at-work-panel__hint">Nobody is working for this customer right now.</p>;
  return (
    <div className="at-work-panel__actions" aria-live="polite">
      <Badge tone="success" dot="pulse">At Work</Badge>
      <ul className="at-work-panel__people" aria-label="Working for this customer now">
        {atWork.data.map((p) => <AtWorkPerson key={p.userId} person={p} timeZone={timeZone} />)}
      </ul>
    </div>
  );
}

function AtWorkPerson({ person, timeZone }: { person: CustomerAtWorkItem; timeZone: string }) {
  const since = localTime(person.since, timeZone);
  return (
    <li className="at-work-panel__person">
      <strong>{person.name}</strong> <span className="at-work-panel__since">({person.categoryName}, since {since})</span>
    </li>
  );
}
