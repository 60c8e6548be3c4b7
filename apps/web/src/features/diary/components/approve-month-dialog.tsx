import { addMonths, type MonthState } from '@workdiary/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { localShortDate } from '../../../lib/format';
import { useT, type Translate } from '../../../lib/i18n/i18n';
import { monthLabel } from '../lib/format';

/**
 * Why a month cannot be approved yet (it has not ended in the organisation's zone), or null.
 * The API refuses it too (400); this says so before anyone clicks.
 */
export function approvalBlockedReason(t: Translate, month: string, thisMonth: string): string | null {
  if (month < thisMonth) return null;
  return t('{month} has not ended yet: it can be approved from {date} on.', { month: monthLabel(month), date: localShortDate(`${addMonths(month, 1)}-01T12:00:00Z`, 'UTC') });
}

type Props = {
  open: boolean;
  month: string;
  /** The people this approval would lock (already approved ones left out). */
  targets: readonly MonthState[];
  loading: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * "Approve?" before a month is locked: who has not submitted, and the open findings (a timer still
 * running, sessions flagged for review), so nobody is approved by accident.
 */
export function ApproveMonthDialog({ open, month, targets, loading, onConfirm, onCancel }: Props) {
  const t = useT();
  const notSubmitted = targets.filter((s) => s.status !== 'SUBMITTED');
  const findings = targets.filter((s) => s.running || s.flaggedSessions > 0);
  return (
    <ConfirmDialog
      open={open}
      tone="primary"
      loading={loading}
      loadingText={t('Approving…')}
      title={t('Approve {month}?', { month: monthLabel(month) })}
      confirmLabel={t('Approve for {count, plural, one {# person} other {# people}}', { count: targets.length })}
      onConfirm={onConfirm}
      onCancel={onCancel}
      message={
        <div className="approve-month-dialog" data-testid="approve-month-dialog">
          <p>
            {t('{count, plural, one {The hours of # person are} other {The hours of # people are}} locked for payroll: nobody can add, change or delete entries of {month} until an admin reopens it.', { count: targets.length, month: monthLabel(month) })}
          </p>
          {notSubmitted.length > 0 ? (
            <section aria-labelledby="approve-not-submitted">
              <h3 id="approve-not-submitted" className="approve-month-dialog__heading">{t('Not submitted yet ({count})', { count: notSubmitted.length })}</h3>
              <ul className="approve-month-dialog__list">
                {notSubmitted.map((s) => <li key={s.userId}>{s.name}</li>)}
              </ul>
            </section>
          ) : null}
          {findings.length > 0 ? (
            <section aria-labelledby="approve-findings">
              <h3 id="approve-findings" className="approve-month-dialog__heading">{t('Open findings ({count})', { count: findings.length })}</h3>
              <ul className="approve-month-dialog__list">
                {findings.map((s) => (
                  <li key={s.userId}>
                    <strong>{s.name}</strong>
                    {': '}
                    {[
                      s.running ? t('a timer is still running') : null,
                      s.flaggedSessions > 0 ? t('{count, plural, one {# session flagged for review} other {# sessions flagged for review}}', { count: s.flaggedSessions }) : null,
                    ].filter(Boolean).join(', ')}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {notSubmitted.length === 0 && findings.length === 0 ? <p className="muted">{t('Everyone has submitted, and nothing is flagged.')}</p> : null}
        </div>
      }
    />
  );
}
