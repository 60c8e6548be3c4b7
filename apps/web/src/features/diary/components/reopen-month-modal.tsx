import { useState } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useReopenMonth } from '../api/months';
import { monthLabel } from '../lib/format';

type Props = { open: boolean; month: string; userId: string; onClose: () => void };

/** Admins reopen an approved month; the reason is kept in the month's history. */
export function ReopenMonthModal({ open, month, userId, onClose }: Props) {
  const t = useT();
  const reopen = useReopenMonth();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit() {
    if (reason.trim().length < 3) {
      setError(t('Give a reason (at least 3 characters).'));
      return;
    }
    reopen.mutate({ month, userId, reason: reason.trim() }, {
      onSuccess: () => {
        toast.success(t('{month} reopened.', { month: monthLabel(month) }));
        setReason('');
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
      title={t('Reopen {month}', { month: monthLabel(month) })}
      description={t('Entries of this month can be changed again. The reason is kept in the month’s history.')}
      footer={
        <>
          <Button onClick={onClose}>{t('Cancel')}</Button>
          <Button variant="danger" loading={reopen.isPending} onClick={submit}>{t('Reopen month')}</Button>
        </>
      }
    >
      <TextAreaField label={t('Reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error ?? undefined} rows={3} />
    </Modal>
  );
}
