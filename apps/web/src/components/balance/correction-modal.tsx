import { useState } from 'react';
import { Button } from '../button';
import { Modal } from '../modal';
import { TextAreaField, TextField } from '../text-field';
import { toast } from '../toast';
import { getErrorMessage } from '../../lib/api-client';
import { useT } from '../../lib/i18n/i18n';
import { parseSignedHours, signedHours, useBookCorrection } from './balance-api';

type Props = { open: boolean; userId: string; month: string; onClose: () => void };

/** A manager books a correction (+) or a payout (−) of the overtime account in `month`, with a required note. */
export function CorrectionModal({ open, userId, month, onClose }: Props) {
  const t = useT();
  const book = useBookCorrection(userId);
  const [amount, setAmount] = useState('');
  const [payout, setPayout] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; note?: string; form?: string }>({});

  function close() {
    setAmount('');
    setNote('');
    setPayout(false);
    setErrors({});
    onClose();
  }

  function submit() {
    const parsed = parseSignedHours(amount);
    const next: typeof errors = {};
    if (parsed === null || parsed === 0) next.amount = t('Enter hours as h:mm, e.g. 1:30.');
    if (note.trim() === '') next.note = t('A note is required.');
    setErrors(next);
    if (parsed === null || parsed === 0 || note.trim() === '') return;
    const minutes = payout ? -Math.abs(parsed) : parsed;
    book.mutate({ month, minutes, note: note.trim() }, {
      onSuccess: () => {
        toast.success(t('{hours} booked to the overtime account.', { hours: signedHours(minutes) }));
        close();
      },
      onError: (err) => setErrors({ form: getErrorMessage(err) }),
    });
  }

  return (
    <Modal
      open={open}
      onClose={close}
      title={t('Correction or payout')}
      description={t('Adds to (or, for a payout, takes from) the overtime account in this month. The note is kept in the audit trail.')}
      footer={
        <>
          <Button onClick={close}>{t('Cancel')}</Button>
          <Button variant="primary" loading={book.isPending} onClick={submit}>{t('Book')}</Button>
        </>
      }
    >
      <label className="row">
        <input type="checkbox" checked={payout} onChange={(e) => setPayout(e.target.checked)} />
        {t('Payout (takes the hours off the account)')}
      </label>
      <TextField label={t('Hours (h:mm)')} value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.amount} placeholder="1:30" inputMode="text" />
      <TextAreaField label={t('Note')} value={note} onChange={(e) => setNote(e.target.value)} error={errors.note} rows={3} />
      {errors.form ? <p role="alert" className="field-error">{errors.form}</p> : null}
    </Modal>
  );
}
