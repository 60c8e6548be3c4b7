import { useState } from 'react';
import { currentMonth, type MonthEvent, type MonthStates } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { localDateTime, useFormat } from '../../../lib/format';
import { useT, type Translate } from '../../../lib/i18n/i18n';
import { serverNow } from '../../../lib/server-clock';
import { useApproveMonth, useMonthStates, useSubmitMonth } from '../api/months';
import { monthLabel } from '../lib/format';
import { ApproveMonthDialog, approvalBlockedReason } from './approve-month-dialog';
import { LockNote, useMonthLock } from './month-lock';
import { MonthStatusBadge } from './month-status-badge';
import { RejectMonthModal } from './reject-month-modal';
import { ReopenMonthModal } from './reopen-month-modal';

type Props = { month: string; userId: string; own: boolean; isAdmin: boolean; isManager: boolean; tz: string };

/**
 * The month's payroll state for one user: submit (own), approve or send back with a comment
 * (managers), reopen (admins), and its history. A month sent back shows the comment on top.
 */
export function MonthClosePanel({ month, userId, own, isAdmin, isManager, tz }: Props) {
  const t = useT();
  const { locale } = useFormat();
  const states = useMonthStates(month, userId);
  const submit = useSubmitMonth();
  const approve = useApproveMonth();
  const [reopening, setReopening] = useState(false);
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const state = states.data?.month === month ? states.data.items[0] : undefined;
  const blocked = approvalBlockedReason(t, month, currentMonth(tz, new Date(serverNow())));
  const latest = states.data?.events[0];
  const lock = useMonthLock(userId, `${month}-01`);
  const sentBack = state && (state.status === 'OPEN' || state.status === 'REOPENED') && latest?.action === 'REJECT' ? latest : null;

  return (
    <Card title={t('Month close')} actions={state ? <MonthStatusBadge status={state.status} /> : null}>
      {states.isPending ? <Spinner label={t('Loading month state…')} /> : null}
      {states.isError ? <ErrorState error={states.error} onRetry={() => void states.refetch()} title={t('Could not load the month state')} /> : null}
      {state ? (
        <div className="month-close-panel" data-testid="month-close-panel">
          <p className="muted">{explain(t, state.status, month)}</p>
          {lock.locked ? <LockNote reason={lock.reason} testId="month-locked" /> : null}
          {sentBack ? (
            <div className="month-close-panel__returned" role="note" data-testid="month-sent-back">
              <strong>{t('{name} sent {month} back on {date}:', { name: sentBack.actor.name, month: monthLabel(month), date: localDateTime(sentBack.at, tz, locale) })}</strong>
              <q>{sentBack.reason}</q>
              {own ? <span>{t('Complete it, then submit it again.')}</span> : null}
            </div>
          ) : null}
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
              <Button variant={own ? 'secondary' : 'primary'} disabled={blocked !== null} aria-describedby={blocked ? 'month-approve-blocked' : undefined} onClick={() => setApproving(true)}>
                {t('Approve month')}
              </Button>
            ) : null}
            {isManager && state.status === 'SUBMITTED' ? (
              <Button onClick={() => setRejecting(true)}>{t('Send back…')}</Button>
            ) : null}
          </div>
          {isManager && state.status !== 'APPROVED' && blocked ? <p className="muted" id="month-approve-blocked">{blocked}</p> : null}
          <MonthEvents events={states.data?.events ?? []} tz={tz} />
        </div>
      ) : null}
      <ReopenMonthModal open={reopening} month={month} userId={userId} onClose={() => setReopening(false)} />
      {state ? (
        <>
          <RejectMonthModal open={rejecting} month={month} userId={userId} name={state.name} onClose={() => setRejecting(false)} />
          <ApproveMonthDialog
            open={approving}
            month={month}
            targets={[state]}
            loading={approve.isPending}
            onCancel={() => setApproving(false)}
            onConfirm={() => approve.mutate({ month, body: { userIds: [userId] } }, {
              onSuccess: () => {
                toast.success(t('{month} approved for {count, plural, one {# person} other {# people}}.', { month: monthLabel(month), count: 1 }));
                setApproving(false);
              },
              onError: (error) => {
                setApproving(false);
                toast.error(error, { title: t('Could not approve') });
              },
            })}
          />
        </>
      ) : null}
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
          <strong>{e.actor.name}</strong> {t('{action, select, SUBMIT {submitted the month} APPROVE {approved the month} REJECT {sent the month back} other {reopened the month}}', { action: e.action })} <span className="muted">· {localDateTime(e.at, tz, locale)}</span>
          {e.reason ? <div className="month-events__reason">{e.action === 'REJECT' ? t('Comment: {comment}', { comment: e.reason }) : t('Reason: {reason}', { reason: e.reason })}</div> : null}
        </li>
      ))}
    </ol>
  );
}
