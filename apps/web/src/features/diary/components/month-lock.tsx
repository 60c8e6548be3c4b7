import { monthOf } from '@workdiary/shared';
import { LockIcon } from '../../../components/icons';
import { useCurrentUser } from '../../../lib/current-user';
import { localShortDate } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useMonthStates } from '../api/months';

export type MonthLock = { locked: false } | { locked: true; reason: string };

/**
 * Whether `userId`'s month of `date` is approved (locked for payroll), and why, in words:
 * "Approved on 01 Dec 2026 by Max Manager — ask an admin to reopen it." The same query as the
 * month's close panel, so it is usually in the cache already. Unknown (loading, failed): not
 * locked — the API still refuses a write in an approved month.
 */
export function useMonthLock(userId: string, date: string): MonthLock {
  const t = useT();
  const me = useCurrentUser();
  const month = monthOf(date);
  const states = useMonthStates(month, userId);
  const state = states.data?.month === month ? states.data.items.find((s) => s.userId === userId) : undefined;
  if (state?.status !== 'APPROVED') return { locked: false };
  const approval = states.data?.events.find((e) => e.userId === userId && e.action === 'APPROVE');
  const next = me.role === 'ADMIN' ? t('reopen the month to change it.') : t('ask an admin to reopen it.');
  const reason = approval
    ? t('Approved on {date} by {name} — {next}', { date: localShortDate(approval.at, me.organization.timeZone), name: approval.actor.name, next })
    : t('Approved — {next}', { next });
  return { locked: true, reason };
}

/** The lock, where Edit, Delete or + would be: an icon whose name says why. */
export function LockMark({ reason, size = 16 }: { reason: string; size?: number }) {
  const t = useT();
  return (
    <span className="diary-lock-mark" title={reason}>
      <LockIcon size={size} title={t('Locked: {reason}', { reason })} />
    </span>
  );
}

/** The lock and its reason as a line of text (above a day's sessions, on the month). */
export function LockNote({ reason, testId }: { reason: string; testId?: string }) {
  const t = useT();
  return (
    <p className="diary-lock-note" data-testid={testId}>
      <LockIcon size={16} />
      <span><strong>{t('Locked for payroll.')}</strong> {reason}</span>
    </p>
  );
}
