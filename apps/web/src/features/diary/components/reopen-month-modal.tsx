import { toast } from '../../../components/toast';
import { useT } from '../../../lib/i18n/i18n';
import { useReopenMonth } from '../api/months';
import { monthLabel } from '../lib/format';
import { MonthCommentModal } from './month-comment-modal';

type Props = { open: boolean; month: string; userId: string; onClose: () => void };

/** Admins reopen an approved month; the reason is kept in the month's history. */
export function ReopenMonthModal({ open, month, userId, onClose }: Props) {
  const t = useT();
  const reopen = useReopenMonth();
  return (
    <MonthCommentModal
      open={open}
      onClose={onClose}
      title={t('Reopen {month}', { month: monthLabel(month) })}
      description={t('Entries of this month can be changed again. The reason is kept in the month’s history.')}
      label={t('Reason')}
      tooShort={t('Give a reason (at least 3 characters).')}
      action={t('Reopen month')}
      pending={reopen.isPending}
      send={(reason, done) => reopen.mutate({ month, userId, reason }, done)}
      onSent={() => toast.success(t('{month} reopened.', { month: monthLabel(month) }))}
    />
  );
}
