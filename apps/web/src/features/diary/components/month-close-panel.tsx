import { useState } from 'react';
import type { MonthEvent, MonthStates } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { localDateTime, useFormat } from '../../../lib/format';
import { useT, type Translate } from '../../../lib/i18n/i18n';
import { useMonthStates, useSubmitMonth } from '../api/months';
import { monthLabel } from '../lib/format';
import { MonthStatusBadge } from './month-status-badge';
import { ReopenMonthModal } from './reopen-month-modal';

type Props = { month: string; userId: string; own: boolean; isAdmin: boolean; isManager: boolean; tz: string };

/** The month's payroll state for one user: submit (own), approve (managers), reopen (admins), and its history. */
export function MonthClosePanel({ month, userId, own, isAdmin, isManager, tz }: Props) {
  const t = useT();
  const states = useMonthStates(month, userId);
  const submit = useSubmitMonth();
  const [reopening, setReopening] = useState(false);
  const state = states.data?.items[0];

  return (
    <Card title={t('Month close')} actions={state ? <MonthStatusBadge status={state.status} /> : null}>
      {states.isPending ? <Spinner label={t('Loading month state…')} /> : null}
      {states.isError ? <ErrorState error={states.error} onRetry={() => void states.refetch()} title={t('Could not load the month state')} /> : null}
      {state ? (
        <div className="month-close-panel" data-testid="month-close-panel">
          <p className="muted">{explain(t, state.status, month)}</p>
          <div className="row">
            {own && (state.status === 'OPEN' || state.status === 'REOPENED') ? (
              <Button
                variant="primary"
                loading={submit.isPending}
                onClick={() => submit.mutate(month, {
                  onSuccess: () => toast.success(t('{month} submitted. A manager will approve it.', { month: monthLabel(month) })),
                  onError: (error) => toast.error(error, { title: t('Could not submit') }),
                })}
              >
                {t('Submit my month')}
              </Button>
            ) : null}
            {isAdmin && (state.status === 'APPROVED' || state.status === 'SUBMITTED') ? (
              <Button onClick={() => setReopening(true)}>{t('Reopen month')}</Button>
            ) : null}
            {isManager && state.status !== 'APPROVED' ? (
              <span className="muted">{t('Approve it from the Work diary overview.')}</span>
            ) : null}
          </div>
          <MonthEvents events={states.data?.events ?? []} tz={tz} />
        </div>
      ) : null}
      <ReopenMonthModal open={reopening} month={month} userId={userId} onClose={() => setReopening(false)} />
    </Card>
  );
}

function explain(t: Translate, status: NonNullable<MonthStates['items'][number]>['status'], month: string): string {
  const values = { month: monthLabel(month) };
  switch (status) {
    case 'OPEN': return t('{month} is open. Submit it when all your hours are in.', values);
    case 'SUBMITTED': return t('{month} is submitted and waits for a manager’s approval.', values);
    case 'APPROVED': return t('{month} is approved for payroll and locked: entries cannot be added, changed or deleted.', values);
    case 'REOPENED': return t('{month} was reopened: entries can be changed again, then submitted again.', values);
  }
}

function MonthEvents({ events, tz }: { events: readonly MonthEvent[]; tz: string }) {
  const t = useT();
  const { locale } = useFormat();
  if (events.length === 0) return <p className="muted">{t('No changes yet.')}</p>;
  return (
    <ol className="month-events" aria-label={t('Month history')}>
      {events.map((e) => (
        <li key={e.id}>
          <strong>{e.actor.name}</strong> {t('{action, select, SUBMIT {submitted the month} APPROVE {approved the month} other {reopened the month}}', { action: e.action })} <span className="muted">· {localDateTime(e.at, tz, locale)}</span>
          {e.reason ? <div className="month-events__reason">{t('Reason: {reason}', { reason: e.reason })}</div> : null}
        </li>
      ))}
    </ol>
  );
}
