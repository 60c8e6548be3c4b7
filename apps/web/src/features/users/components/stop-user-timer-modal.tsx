import type { AtWorkItem } from '@workdiary/shared';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { StopIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useStopUserTimer } from '../api/at-work';
import { translate as t } from '../../../lib/i18n/i18n';

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
        toast.success(t('Stopped {userName}’s timer ({name}).', { userName: item.userName, name: entry.customer.name }));
        onClose();
      },
    });
  };
  return (
    <Modal
      open
      title={t('Stop {userName}’s timer', { userName: item.userName })}
      description={t('{customerName} · {categoryName}. The stop is recorded as yours.', { customerName: item.customerName, categoryName: item.categoryName })}
      onClose={() => {
        if (!stop.isPending) onClose();
      }}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={stop.isPending}>{t('Cancel')}</Button>
          <Button type="submit" form={formId} variant="danger" icon={<StopIcon size={16} />} loading={stop.isPending} loadingText={t('Stopping…')}>
            {t('Stop')}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="stack" noValidate>
        {stop.error ? <div className="form-alert" role="alert">{getErrorMessage(stop.error)}</div> : null}
        <TextAreaField
          label={t('Note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          rows={3}
          placeholder={t('e.g. Forgot to stop after the meeting; stopped by the manager.')}
          hint={t('Saved as the entry’s note. Say why you stopped it.')}
        />
      </form>
    </Modal>
  );
}
