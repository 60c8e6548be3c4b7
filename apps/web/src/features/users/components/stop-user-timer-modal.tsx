import type { AtWorkItem } from '@workdiary/shared';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { StopIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useStopUserTimer } from '../api/at-work';

/** A manager stops someone's timer; the note is kept on the entry and the stop is recorded as theirs. */
export function StopUserTimerModal({ item, onClose }: { item: AtWorkItem | null; onClose: () => void }) {
  if (!item) return null;
  return <StopTimerDialog key={item.entryId} item={item} onClose={onClose} />;
}

function StopTimerDialog({ item, onClose }: { item: AtWorkItem; onClose: () => void }) {
  const formId = useId();
  const [note, setNote] = useState('');
  const stop = useStopUserTimer();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (stop.isPending) return;
    stop.mutate({ userId: item.userId, note: note.trim() }, {
      onSuccess: (entry) => {
        toast.success(`Stopped ${item.userName}’s timer (${entry.customer.name}).`);
        onClose();
      },
    });
  };
  return (
    <Modal
      open
      title={`Stop ${item.userName}’s timer`}
      description={`${item.customerName} · ${item.categoryName}. The stop is recorded as yours.`}
      onClose={() => {
        if (!stop.isPending) onClose();
      }}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={stop.isPending}>Cancel</Button>
          <Button type="submit" form={formId} variant="danger" icon={<StopIcon size={16} />} loading={stop.isPending} loadingText="Stopping…">
            Stop
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="stack" noValidate>
        {stop.error ? <div className="form-alert" role="alert">{getErrorMessage(stop.error)}</div> : null}
        <TextAreaField
          label="Note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          rows={3}
          placeholder="e.g. Forgot to stop after the meeting; stopped by the manager."
          hint="Saved as the entry’s note. Say why you stopped it."
        />
      </form>
    </Modal>
  );
}
