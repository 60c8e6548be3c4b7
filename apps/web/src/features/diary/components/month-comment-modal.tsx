import { useState } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';

type Send = (text: string, done: { onSuccess: () => void; onError: (error: unknown) => void }) => void;

type Props = {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string;
  /** The field's label, and what it asks for when it holds fewer than 3 characters. */
  label: string;
  tooShort: string;
  maxLength?: number;
  /** The danger button's text. */
  action: string;
  pending: boolean;
  /** Sends the trimmed text (at least 3 characters); a refusal shows under the field. */
  send: Send;
  /** After the send succeeded, before the dialog closes (e.g. a toast). */
  onSent: () => void;
};

/** A month's state change that needs a few words (sending it back, reopening it): a text and a button. */
export function MonthCommentModal({ open, onClose, title, description, label, tooShort, maxLength, action, pending, send, onSent }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit() {
    if (text.trim().length < 3) {
      setError(tooShort);
      return;
    }
    send(text.trim(), {
      onSuccess: () => {
        onSent();
        setText('');
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
      title={title}
      description={description}
      footer={
        <>
          <Button onClick={onClose}>{t('Cancel')}</Button>
          <Button variant="danger" loading={pending} onClick={submit}>{action}</Button>
        </>
      }
    >
      <TextAreaField label={label} value={text} onChange={(e) => setText(e.target.value)} error={error ?? undefined} rows={3} maxLength={maxLength} />
    </Modal>
  );
}
