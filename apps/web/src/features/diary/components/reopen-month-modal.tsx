import { useState } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useReopenMonth } from '../api/months';
import { monthLabel } from '../lib/format';

type Props = { open: boolean; month: string; userId: string; onClose: () => void };

/** Admins reopen an approved month; the reason is kept in the month's history. */
export function ReopenMonthModal({ open, month, userId, onClose }: Props) {
  const reopen = useReopenMonth();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit() {
    if (reason.trim().length < 3) {
      setError('Give a reason (at least 3 characters).');
      return;
    }
    reopen.mutate({ month, userId, reason: reason.trim() }, {
      onSuccess: () => {
        toast.success(`${monthLabel(month)} reopened.`);
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
      title={`Reopen ${monthLabel(month)}`}
      description="Entries of this month can be changed again. The reason is kept in the month's history."
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" loading={reopen.isPending} onClick={submit}>Reopen month</Button>
        </>
      }
    >
      <TextAreaField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={error ?? undefined} rows={3} />
    </Modal>
  );
}
