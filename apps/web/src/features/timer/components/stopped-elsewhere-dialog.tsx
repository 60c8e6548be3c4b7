import { useState } from 'react';
import { Button } from '../../../components/button';
import { useQuery } from '@tanstack/react-query';
import { useUpdateEntry, workEntriesQueryOptions } from '../../../components/entries/entries-api';
import { Modal } from '../../../components/modal';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { localTime } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { clearNoteDraft } from '../lib/note-draft';

/**
 * The timer stopped somewhere else (another tab, another device, a manager) while a note was
 * being typed: say so in words, keep the note, offer to copy it or add it to that session.
 */
export function StoppedElsewhereDialog({ entryId, note, onClose }: { entryId: string; note: string; onClose: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const recent = useQuery(workEntriesQueryOptions({ userId: me.id, limit: 20 }));
  const entry = recent.data?.items.find((e) => e.id === entryId) ?? null;
  const update = useUpdateEntry();
  const [copied, setCopied] = useState(false);
  const forget = () => {
    clearNoteDraft(me.id, entryId);
    onClose();
  };
  const stoppedAt = entry?.stoppedAt ? localTime(entry.stoppedAt, me.organization.timeZone) : null;
  const what = recent.isPending
    ? t('Your timer was stopped somewhere else.')
    : entry && stoppedAt
      ? t('Your timer for {customer} was stopped in another tab or by a manager at {time}.', { customer: entry.customer.name, time: stoppedAt })
      : t('Your timer was stopped and that session no longer exists (it was discarded).');

  return (
    <Modal
      open
      title={t('The timer was stopped elsewhere')}
      description={what}
      onClose={onClose}
      closeOnBackdrop={false}
      footer={
        <>
          <Button variant="ghost" onClick={forget}>{t('Discard the note')}</Button>
          <Button
            variant="secondary"
            onClick={() => void navigator.clipboard?.writeText(note).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? t('Copied') : t('Copy the note')}
          </Button>
          {entry ? (
            <Button
              variant="primary"
              loading={update.isPending}
              loadingText={t('Saving…')}
              onClick={() => update.mutate(
                { id: entry.id, body: { note: entry.note ? `${entry.note}\n${note}` : note } },
                {
                  onSuccess: () => {
                    toast.success(t('Your note was added to that session.'));
                    forget();
                  },
                },
              )}
            >
              {t('Add it to that session')}
            </Button>
          ) : null}
        </>
      }
    >
      <p>{t('Your note was kept:')}</p>
      <blockquote className="kept-note">{note}</blockquote>
      {update.error ? <p className="form-alert" role="alert">{getErrorMessage(update.error)}</p> : null}
      {copied ? <span role="status" className="visually-hidden">{t('Copied')}</span> : null}
    </Modal>
  );
}
