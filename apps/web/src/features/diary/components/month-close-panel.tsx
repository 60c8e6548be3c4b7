import { useState } from 'react';
import type { MonthEvent, MonthStates } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { useMonthStates, useSubmitMonth } from '../api/months';
import { monthLabel } from '../lib/format';
import { MonthStatusBadge } from './month-status-badge';
import { ReopenMonthModal } from './reopen-month-modal';

type Props = { month: string; userId: string; own: boolean; isAdmin: boolean; isManager: boolean; tz: string };

const ACTION_TEXT: Record<MonthEvent['action'], string> = { SUBMIT: 'submitted the month', APPROVE: 'approved the month', REOPEN: 'reopened the month' };

/** The month's payroll state for one user: submit (own), approve (managers), reopen (admins), and its history. */
export function MonthClosePanel({ month, userId, own, isAdmin, isManager, tz }: Props) {
  const states = useMonthStates(month, userId);
  const submit = useSubmitMonth();
  const [reopening, setReopening] = useState(false);
  const state = states.data?.items[0];

  return (
    <Card title="Month close" actions={state ? <MonthStatusBadge status={state.status} /> : null}>
      {states.isPending ? <Spinner label="Loading month state…" /> : null}
      {states.isError ? <ErrorState error={states.error} onRetry={() => void states.refetch()} title="Could not load the month state" /> : null}
      {state ? (
        <div className="month-close-panel" data-testid="month-close-panel">
          <p className="muted">{explain(state.status, month)}</p>
          <div className="row">
            {own && (state.status === 'OPEN' || state.status === 'REOPENED') ? (
              <Button
                variant="primary"
                loading={submit.isPending}
                onClick={() => submit.mutate(month, {
                  onSuccess: () => toast.success(`${monthLabel(month)} submitted. A manager will approve it.`),
                  onError: (error) => toast.error(error, { title: 'Could not submit' }),
                })}
              >
                Submit my month
              </Button>
            ) : null}
            {isAdmin && (state.status === 'APPROVED' || state.status === 'SUBMITTED') ? (
              <Button onClick={() => setReopening(true)}>Reopen month</Button>
            ) : null}
            {isManager && state.status !== 'APPROVED' ? (
              <span className="muted">Approve it from the Work diary overview.</span>
            ) : null}
          </div>
          <MonthEvents events={states.data?.events ?? []} tz={tz} />
        </div>
      ) : null}
      <ReopenMonthModal open={reopening} month={month} userId={userId} onClose={() => setReopening(false)} />
    </Card>
  );
}

function explain(status: NonNullable<MonthStates['items'][number]>['status'], month: string): string {
  switch (status) {
    case 'OPEN': return `${monthLabel(month)} is open. Submit it when all your hours are in.`;
    case 'SUBMITTED': return `${monthLabel(month)} is submitted and waits for a manager's approval.`;
    case 'APPROVED': return `${monthLabel(month)} is approved for payroll and locked: entries cannot be added, changed or deleted.`;
    case 'REOPENED': return `${monthLabel(month)} was reopened: entries can be changed again, then submitted again.`;
  }
}

function MonthEvents({ events, tz }: { events: readonly MonthEvent[]; tz: string }) {
  if (events.length === 0) return <p className="muted">No changes yet.</p>;
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ol className="month-events" aria-label="Month history">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{e.actor.name}</strong> {ACTION_TEXT[e.action]} <span className="muted">· {when.format(new Date(e.at))}</span>
          {e.reason ? <div className="month-events__reason">Reason: {e.reason}</div> : null}
        </li>
      ))}
    </ol>
  );
}
