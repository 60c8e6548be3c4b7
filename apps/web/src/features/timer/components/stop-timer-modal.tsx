import type { WorkEntry } from '@workdiary/shared';
import { useId } from 'react';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { StopIcon } from '../../../components/icons';
import { Modal } from '../../../components/modal';
import { TextAreaField } from '../../../components/text-field';
import { getErrorMessage } from '../../../lib/api-client';
import { isConnectionLost, useConnection } from '../../../lib/connection';
import { localTime } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useStopForm } from '../hooks/use-stop-form';
import { ElapsedCounter } from './elapsed-counter';

export type StopTimerModalProps = {
  running: WorkEntry;
  onClose: () => void;
  /** The organisation's zone, for the start's wall-clock time. */
  timeZone: string;
};

type StopForm = ReturnType<typeof useStopForm>;

/** The "Note" dialog: describe the work → Stop. The same dialog serves the header and the customer page. */
export function StopTimerModal({ running, onClose, timeZone }: StopTimerModalProps) {
  const t = useT();
  const formId = useId();
  const form = useStopForm(running, onClose);
  const { busy, close } = form;
  const since = localTime(running.startedAt, timeZone);

  return (
    <>
      <Modal
        open
        title={t('Note')}
        description={t('Describe the work done in this session, then stop the timer.')}
        onClose={close}
        closeOnBackdrop={false}
        initialFocusRef={form.noteRef}
        footer={
          <>
            <Button variant="ghost" onClick={close} disabled={busy}>
              {t('Cancel')}
            </Button>
            <Button type="submit" form={formId} variant="danger" icon={<StopIcon size={16} />} loading={form.stopping} loadingText={t('Stopping…')} disabled={form.discarding}>
              {t('Stop')}
            </Button>
          </>
        }
      >
        <StopFields formId={formId} form={form} running={running} since={since} />
      </Modal>
      <ConfirmDialog
        open={form.confirmDiscard}
        title={t('Discard this session?')}
        message={t('The time since {since} for {customer} will not be saved. This cannot be undone.', { since, customer: running.customer.name })}
        confirmLabel={t('Discard session')}
        cancelLabel={t('Keep it')}
        loading={form.discarding}
        loadingText={t('Discarding…')}
        onConfirm={form.discard}
        onCancel={() => form.setConfirmDiscard(false)}
      />
    </>
  );
}

/** The form: the running session, its note, what went wrong and (after a refusal) the choices. */
function StopFields({ formId, form, running, since }: { formId: string; form: StopForm; running: WorkEntry; since: string }) {
  const t = useT();
  const { refusal, busy, close } = form;
  const offline = useConnection(isConnectionLost);
  return (
    <form id={formId} className="timer-form" onSubmit={form.submit} noValidate>
      <RunningSummary running={running} since={since} />
      {offline && !form.otherError ? (
        <div className="form-alert" role="status">
          {t('The server cannot be reached right now. Your note is kept on this device and this dialog stays open: press Stop again when the connection is back.')}
        </div>
      ) : null}
      <TextAreaField
        ref={form.noteRef}
        label={t('Note')}
        value={form.draft.note}
        maxLength={2000}
        rows={4}
        required={form.noteRequired}
        placeholder={t('What did you work on?')}
        disabled={busy}
        error={form.noteError}
        hint={t('Ctrl+Enter stops the timer. Your note is kept on this device until it is saved.')}
        onChange={(event) => form.changeNote(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.submit(event);
        }}
      />
      {form.otherError ? (
        <div className="form-alert" role="alert">
          {t('Not saved: {reason} Your note is kept; try again.', { reason: form.otherError })}
        </div>
      ) : null}
      {refusal && !form.noteRefused ? (
        <p className="timer-refusal__message form-alert" role="alert">{getErrorMessage(refusal)}</p>
      ) : null}
      {/* A missing note has its one message under the field; the choices follow any refusal. */}
      {refusal || form.missing ? (
        <div className="timer-refusal" role="group" aria-label={t('What now?')}>
          <div className="timer-refusal__actions">
            <Button size="sm" variant="secondary" onClick={close} disabled={busy}>
              {t('Keep the timer running')}
            </Button>
            <Button size="sm" variant="ghost" className="timer-refusal__discard" onClick={() => form.setConfirmDiscard(true)} disabled={busy}>
              {t('Discard the session')}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

/** Customer, category, start and the live time of the running session. */
export function RunningSummary({ running, since }: { running: WorkEntry; since: string }) {
  const t = useT();
  return (
    <dl className="timer-summary">
      <div>
        <dt>{t('Customer')}</dt>
        <dd>{running.customer.name}</dd>
      </div>
      <div>
        <dt>{t('Category')}</dt>
        <dd>{running.category.name}</dd>
      </div>
      <div>
        <dt>{t('Since')}</dt>
        <dd>{since}</dd>
      </div>
      <div>
        <dt>{t('Entry Time')}</dt>
        <dd>
          <ElapsedCounter startedAt={running.startedAt} className="timer-summary__counter" label={t('Entry Time')} />
        </dd>
      </div>
    </dl>
  );
}
