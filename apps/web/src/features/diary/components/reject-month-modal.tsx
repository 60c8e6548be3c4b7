import { toast } from '../../../components/toast';
import { useT } from '../../../lib/i18n/i18n';
import { useRejectMonth } from '../api/months';
import { monthLabel } from '../lib/format';
import { MonthCommentModal } from './month-comment-modal';

type Props = { open: boolean; month: string; userId: string; name: string; onClose: () => void };

/** Managers send a submitted month back to the person; the comment is shown on their month. */
export function RejectMonthModal({ open, month, userId, name, onClose }: Props) {
  const t = useT();
  const reject = useRejectMonth();
  return (
    <MonthCommentModal
      open={open}
      onClose={onClose}
      title={t('Send {month} back to {name}', { month: monthLabel(month), name })}
      description={t('The month is open again for {name} to complete and submit. They see your comment on their month.', { name })}
      label={t('Comment')}
      tooShort={t('Write what is missing or wrong (at least 3 characters).')}
      maxLength={500}
      action={t('Send back')}
      pending={reject.isPending}
      send={(comment, done) => reject.mutate({ month, userId, comment }, done)}
      onSent={() => toast.success(t('{month} sent back to {name}.', { month: monthLabel(month), name }))}
    />
  );
}
