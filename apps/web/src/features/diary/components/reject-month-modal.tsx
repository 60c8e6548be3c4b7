import { useState } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useRejectMonth } from '../api/months';
import { monthLabel } from '../lib/format';

type Props = { open: boolean; month: string; userId: string; name: string; onClose: () => void };

/** Managers send a submitted month back to the person; the comment is shown on their month. */
export function RejectMonthModal({ open, month, userId, name, onClose }: Props) {
  const t = useT();
  const reject = useRejectMonth();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit() {
    if (comment.trim().length < 3) {
      setError(t('Write what is missing or wrong (at least 3 characters).'));
      return;
    }
    reject.mutate({ month, userId, comment: comment.trim() }, {
      onSuccess: () => {
        toast.success(t('{month} sent back to {name}.', { month: monthLabel(month), name }));
        setComment('');
        setError(null);
        onClose();
      },
      onError: (err) => setError(getErrorMessage(err)),
    });
  }

  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t('Send {month} back to {name}', { month: monthLabel(month), name })}
      description={t('The month is open again for {name} to complete and submit. They see your comment on their month.', { name })}
      footer={
        <>
          <Button onClick={onClose}>{t('Cancel')}</Button>
          <Button variant="danger" loading={reject.isPending} onClick={submit}>{t('Send back')}</Button>
        </>
      }
    >
      <TextAreaField label={t('Comment')} value={comment} onChange={(e) => setComment(e.target.value)} error={error ?? undefined} rows={3} maxLength={500} />
    </Modal>
  );
}
