import type { WorkEntry } from '@workdiary/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { CategoryPicker } from '../../../components/pickers/category-picker';
import { CustomerPicker, type CustomerOption } from '../../../components/pickers/customer-picker';
import { GearIcon, PlayIcon } from '../../../components/icons';
import { IconButton } from '../../../components/icon-button';
import { TextAreaField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { ADMIN_ROLES, hasRole, useCurrentUser } from '../../../lib/current-user';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import type { TimerCustomer } from '../../../stores/timer-store';
import { useOwnRules } from '../../../lib/own-rules';
import { useStartTimer, useSwitchTimer } from '../api/timer';
import { useNoteDraft } from '../hooks/use-note-draft';
import { useRecentPairs, type RecentPair } from '../hooks/use-recent-pairs';
import { announce } from '../lib/announce';
import { isRuleRefusal } from './stop-timer-modal';

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
  const draft = useNoteDraft(props.running.id);
  return <StartForm {...props} draft={draft} />;
}

type Draft = ReturnType<typeof useNoteDraft>;

function StartForm({ onClose, fixedCustomer, running, draft, initialCategory }: {
  onClose: () => void; fixedCustomer?: TimerCustomer; running: WorkEntry | null; draft?: Draft; initialCategory?: string;
}) {
  const t = useT();
  const formId = useId();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const categoryFieldId = useId();
  const customerRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const recent = useRecentPairs();
  const noteRequired = (useOwnRules(me.id).data?.noteRequired ?? false) && Boolean(running);
  const started = (entry: WorkEntry) => {
    toast.success(t('Timer started for {customer}.', { customer: entry.customer.name }));
    announce(t('Timer started for {customer}, {category}.', { customer: entry.customer.name, category: entry.category.name }));
  };
  const start = useStartTimer({ onSuccess: (entry) => { onClose(); started(entry); } });
  const switchTimer = useSwitchTimer({
    onSuccess: ({ running: next }) => {
      draft?.confirm();
      onClose();
      started(next);
    },
  });
  const pending = start.isPending || switchTimer.isPending;
  const [customer, setCustomer] = useState<CustomerOption | null>(fixedCustomer ?? null);
  const [categoryId, setCategoryId] = useState(initialCategory ?? '');
  const [errors, setErrors] = useState<{ customer?: string; category?: string; note?: string }>({});

  // Pre-fill with the last pair once it is known; never after the user touched a field.
  const prefilled = useRef(false);
  const last = recent.pairs.find((p) => !running || p.customer.id !== running.customerId || p.category.id !== running.categoryId);
  useEffect(() => {
    if (prefilled.current || recent.loading) return;
    prefilled.current = true;
    if (!last) return;
    if (!fixedCustomer) setCustomer((c) => c ?? last.customer);
    if (!fixedCustomer || fixedCustomer.id === last.customer.id) setCategoryId((id) => id || last.category.id);
  }, [recent.loading, last, fixedCustomer]);

  const close = () => {
    if (pending) return;
    draft?.keepClosed();
    onClose();
  };

  function go(chosen: CustomerOption | null, chosenCategory: string) {
    if (pending) return;
    const next = {
      customer: chosen ? undefined : t('Choose a customer.'),
      category: chosenCategory ? undefined : t('Choose a category.'),
      note: noteRequired && !draft?.note.trim() ? t('Add a note to stop the running timer.') : undefined,
    };
    setErrors(next);
    if (!chosen) customerRef.current?.focus();
    else if (!chosenCategory) document.getElementById(categoryFieldId)?.focus();
    else if (next.note) noteRef.current?.focus();
    if (!chosen || !chosenCategory || next.note) return;
    if (running && draft) switchTimer.mutate({ note: draft.note, customerId: chosen.id, categoryId: chosenCategory });
    else start.mutate({ customerId: chosen.id, categoryId: chosenCategory });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    go(customer, categoryId);
  }

  const serverError = start.error ?? switchTimer.error;
  // A 404/422 about one field belongs under that field; anything else above the form.
  const categoryServerError = isApiError(serverError, 'CATEGORY_ARCHIVED') ? getErrorMessage(serverError) : null;
  const customerServerError = isApiError(serverError, 'CUSTOMER_ARCHIVED') ? getErrorMessage(serverError) : null;
  const noteServerError = isApiError(serverError, 'NOTE_REQUIRED') ? t('Add a note to stop the running timer.') : null;
  const formError = serverError && !categoryServerError && !customerServerError && !noteServerError
    ? (isRuleRefusal(serverError) ? serverError.message : getErrorMessage(serverError))
    : null;
  const resetServer = () => {
    start.reset();
    switchTimer.reset();
  };
  const pairs = recent.pairs.filter((p) => (!fixedCustomer || p.customer.id === fixedCustomer.id)
    && !(running && p.customer.id === running.customerId && p.category.id === running.categoryId));

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
      <form id={formId} className="timer-form" onSubmit={submit} noValidate>
        {formError ? (
          <div className="form-alert" role="alert">
            {formError}
          </div>
        ) : null}
        {pairs.length > 0 ? <RecentPairs pairs={pairs} disabled={pending} onPick={(p) => {
          prefilled.current = true;
          setCustomer(p.customer);
          setCategoryId(p.category.id);
          go(p.customer, p.category.id);
        }} /> : null}
        {fixedCustomer ? (
          <div className="timer-form__fixed">
            <span className="field__label">{t('Customer')}</span>
            <span className="timer-form__fixed-value">{fixedCustomer.name}</span>
          </div>
        ) : (
          <CustomerPicker
            ref={customerRef}
            label={t('Customer')}
            value={customer}
            // Typing before the last customer is known: the pre-fill must not replace the text.
            onType={() => {
              prefilled.current = true;
            }}
            onChange={(c) => {
              prefilled.current = true;
              setCustomer(c);
              if (c) setErrors((e) => ({ ...e, customer: undefined }));
              if (customerServerError) resetServer();
            }}
            error={errors.customer ?? customerServerError}
            required
            autoFocus
            disabled={pending}
          />
        )}
        <CategoryPicker
          id={categoryFieldId}
          value={categoryId}
          onChange={(id) => {
            prefilled.current = true;
            setCategoryId(id);
            if (id) setErrors((e) => ({ ...e, category: undefined }));
            if (categoryServerError) resetServer();
          }}
          error={errors.category ?? categoryServerError}
          required
          disabled={pending}
        />
        {running && draft ? (
          <TextAreaField
            ref={noteRef}
            label={t('Note for {customer} (the running session)', { customer: running.customer.name })}
            value={draft.note}
            maxLength={2000}
            rows={3}
            required={noteRequired}
            placeholder={t('What did you work on?')}
            disabled={pending}
            error={errors.note ?? noteServerError}
            onChange={(event) => {
              draft.setNote(event.target.value);
              if (event.target.value.trim()) setErrors((e) => ({ ...e, note: undefined }));
              if (noteServerError) resetServer();
            }}
          />
        ) : null}
      </form>
    </Modal>
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
