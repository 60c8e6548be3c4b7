import type { MonthEvent, MonthStates, MonthStatus } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { localDateTime, useFormat } from '../../../lib/format';
import { useT, type Translate } from '../../../lib/i18n/i18n';
import { useMonthClose, type MonthClose } from '../hooks/use-month-close';
import { monthLabel } from '../lib/format';
import { ApproveMonthDialog } from './approve-month-dialog';
import { LockNote } from './month-lock';
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
  const close = useMonthClose(month, userId, tz);
  const { states, state, blocked } = close;

  return (
    <Card title={t('Month close')} actions={state ? <MonthStatusBadge status={state.status} /> : null}>
      {states.isPending ? <Spinner label={t('Loading month state…')} /> : null}
      {states.isError ? <ErrorState error={states.error} onRetry={() => void states.refetch()} title={t('Could not load the month state')} /> : null}
      {state ? (
        <div className="month-close-panel" data-testid="month-close-panel">
          <p className="muted">{explain(t, state.status, month)}</p>
          {close.lock.locked ? <LockNote reason={close.lock.reason} testId="month-locked" /> : null}
          {close.sentBack ? <SentBackNote event={close.sentBack} month={month} own={own} tz={tz} /> : null}
          <MonthCloseButtons close={close} status={state.status} own={own} isAdmin={isAdmin} isManager={isManager} />
          {isManager && state.status !== 'APPROVED' && blocked ? <p className="muted" id="month-approve-blocked">{blocked}</p> : null}
          <MonthEvents events={states.data?.events ?? []} tz={tz} />
        </div>
      ) : null}
      <ReopenMonthModal open={close.reopening} month={month} userId={userId} onClose={() => close.setReopening(false)} />
      {state ? (
        <>
          <RejectMonthModal open={close.rejecting} month={month} userId={userId} name={state.name} onClose={() => close.setRejecting(false)} />
          <ApproveMonthDialog
            open={close.approving}
            month={month}
            targets={[state]}
            loading={close.approvePending}
            onCancel={() => close.setApproving(false)}
            onConfirm={close.approveMonth}
          />
        </>
      ) : null}
    </Card>
  );
}

/** The comment a month was sent back with, on top of the panel. */
function SentBackNote({ event, month, own, tz }: { event: MonthEvent; month: string; own: boolean; tz: string }) {
  const t = useT();
  const { locale } = useFormat();
  return (
    <div className="month-close-panel__returned" role="note" data-testid="month-sent-back">
      <strong>{t('{name} sent {month} back on {date}:', { name: event.actor.name, month: monthLabel(month), date: localDateTime(event.at, tz, locale) })}</strong>
      <q>{event.reason}</q>
      {own ? <span>{t('Complete it, then submit it again.')}</span> : null}
    </div>
  );
}

type ButtonsProps = { close: MonthClose; status: MonthStatus; own: boolean; isAdmin: boolean; isManager: boolean };

/** What this person may do with the month now: submit (own), reopen (admins), approve or send back (managers). */
function MonthCloseButtons({ close, status, own, isAdmin, isManager }: ButtonsProps) {
  const t = useT();
  return (
    <div className="row">
      {own && (status === 'OPEN' || status === 'REOPENED') ? (
        <Button variant="primary" loading={close.submitting} onClick={close.submitMonth}>
          {t('Submit my month')}
        </Button>
      ) : null}
      {isAdmin && (status === 'APPROVED' || status === 'SUBMITTED') ? (
        <Button onClick={() => close.setReopening(true)}>{t('Reopen month')}</Button>
      ) : null}
      {isManager && status !== 'APPROVED' ? (
        <Button variant={own ? 'secondary' : 'primary'} disabled={close.blocked !== null} aria-describedby={close.blocked ? 'month-approve-blocked' : undefined} onClick={() => close.setApproving(true)}>
          {t('Approve month')}
        </Button>
      ) : null}
      {isManager && status === 'SUBMITTED' ? (
        <Button onClick={() => close.setRejecting(true)}>{t('Send back…')}</Button>
      ) : null}
    </div>
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
