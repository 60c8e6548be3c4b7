import type { WorkEntry } from '@workdiary/shared';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { CategoryPicker } from '../../../components/pickers/category-picker';
import { CustomerPicker } from '../../../components/pickers/customer-picker';
import { GearIcon, PlayIcon } from '../../../components/icons';
import { IconButton } from '../../../components/icon-button';
import { TextAreaField } from '../../../components/text-field';
import { ADMIN_ROLES, hasRole, useCurrentUser } from '../../../lib/current-user';
import { useT } from '../../../lib/i18n/i18n';
import type { TimerCustomer } from '../../../stores/timer-store';
import { useNoteDraft } from '../hooks/use-note-draft';
import type { RecentPair } from '../hooks/use-recent-pairs';
import { useStartForm, type NoteDraft, type StartFormInput } from '../hooks/use-start-form';

export type StartTimerModalProps = {
  onClose: () => void;
  /** The customer page's At work: the customer is given, only the category is asked for. */
  customer?: TimerCustomer;
  /** A timer already runs: the dialog switches (stop it with a note, start this one, in one step). */
  running?: WorkEntry | null;
  /** Pre-selected category ("Continue" on a finished session). */
  categoryId?: string;
};

/**
 * The "Customer Timer" dialog: Customer (searchable, pre-filled with the last one) and Category
 * (pre-filled likewise), or one click on a recent pair → Submit. While a timer runs it becomes
 * "Switch": the running session's note is asked for too, and the server stops and starts at once.
 */
export function StartTimerModal({ onClose, customer: fixedCustomer, running = null, categoryId }: StartTimerModalProps) {
  if (running) return <SwitchForm onClose={onClose} fixedCustomer={fixedCustomer} running={running} initialCategory={categoryId} />;
  return <StartForm onClose={onClose} fixedCustomer={fixedCustomer} running={null} initialCategory={categoryId} />;
}

function SwitchForm(props: { onClose: () => void; fixedCustomer?: TimerCustomer; running: WorkEntry; initialCategory?: string }) {
  const draft = useNoteDraft(props.running.id, props.running.note);
  return <StartForm {...props} draft={draft} />;
}

function StartForm(props: StartFormInput) {
  const { onClose, fixedCustomer, running } = props;
  const t = useT();
  const formId = useId();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const form = useStartForm(props);
  const { pending, close } = form;

  return (
    <Modal
      open
      title={running ? t('Switch customer') : t('Customer Timer')}
      description={running
        ? t('Stops {current} with your note and starts the new session at the same moment.', { current: running.customer.name })
        : fixedCustomer ? t('Start work for {customer}.', { customer: fixedCustomer.name }) : t('Choose whom you work for and what kind of work it is.')}
      onClose={close}
      closeOnBackdrop={false}
      headerActions={hasRole(me, ADMIN_ROLES) ? (
        <IconButton
          label={t('Customer Timer settings')}
          icon={<GearIcon size={18} />}
          onClick={() => {
            onClose();
            void navigate('/settings?open=customer-timer');
          }}
        />
      ) : undefined}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={pending}>
            {t('Cancel')}
          </Button>
          <Button type="submit" form={formId} variant="primary" icon={<PlayIcon size={16} />} loading={pending} loadingText={running ? t('Switching…') : t('Starting…')}>
            {running ? t('Switch') : t('Submit')}
          </Button>
        </>
      }
    >
      <StartFields formId={formId} form={form} fixedCustomer={fixedCustomer} running={running} draft={props.draft} />
    </Modal>
  );
}

/** The form itself: the server's refusal, the recent pairs, Customer, Category and (switching) the running session's note. */
function StartFields({ formId, form, fixedCustomer, running, draft }: {
  formId: string; form: ReturnType<typeof useStartForm>; fixedCustomer?: TimerCustomer; running: WorkEntry | null; draft?: NoteDraft;
}) {
  const t = useT();
  const { errors, server, pending } = form;
  return (
    <form id={formId} className="timer-form" onSubmit={form.submit} noValidate>
      {server.form ? (
        <div className="form-alert" role="alert">
          {server.form}
        </div>
      ) : null}
      {/* While they load, a placeholder of their height keeps the fields below from jumping. */}
      {form.pairsLoading ? <RecentPairsSkeleton /> : null}
      {form.pairs.length > 0 ? <RecentPairs pairs={form.pairs} disabled={pending} onPick={form.pickPair} /> : null}
      {fixedCustomer ? (
        <div className="timer-form__fixed">
          <span className="field__label">{t('Customer')}</span>
          <span className="timer-form__fixed-value">{fixedCustomer.name}</span>
        </div>
      ) : (
        <CustomerPicker
          ref={form.customerRef}
          label={t('Customer')}
          value={form.customer}
          onType={form.typeCustomer}
          onChange={form.changeCustomer}
          error={errors.customer ?? server.customer}
          required
          autoFocus
          disabled={pending}
        />
      )}
      <CategoryPicker
        id={form.categoryFieldId}
        value={form.categoryId}
        onChange={form.changeCategory}
        error={errors.category ?? server.category}
        required
        disabled={pending}
      />
      {running && draft ? (
        <TextAreaField
          ref={form.noteRef}
          label={t('Note for {customer} (the running session)', { customer: running.customer.name })}
          value={draft.note}
          maxLength={2000}
          rows={3}
          required={form.noteRequired}
          placeholder={t('What did you work on?')}
          disabled={pending}
          error={errors.note ?? server.note}
          onChange={form.changeNote}
        />
      ) : null}
    </form>
  );
}

function RecentPairsSkeleton() {
  const t = useT();
  return (
    <div className="recent-pairs recent-pairs--loading" aria-busy="true">
      <span className="field__label">{t('Recent')}</span>
      <span className="recent-pairs__skeleton skeleton" role="status" aria-label={t('Loading recent customers…')} />
    </div>
  );
}

function RecentPairs({ pairs, onPick, disabled }: { pairs: RecentPair[]; onPick: (pair: RecentPair) => void; disabled: boolean }) {
  const t = useT();
  return (
    <div className="recent-pairs">
      <span className="field__label" id="recent-pairs-label">{t('Recent')}</span>
      <ul className="recent-pairs__list" aria-labelledby="recent-pairs-label">
        {pairs.map((p) => (
          <li key={`${p.customer.id}|${p.category.id}`}>
            <button type="button" className="recent-pairs__item" disabled={disabled} onClick={() => onPick(p)}>
              <strong>{p.customer.name}</strong> · {p.category.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
