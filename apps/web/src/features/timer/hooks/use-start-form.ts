import type { WorkEntry } from '@workdiary/shared';
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { CustomerOption } from '../../../components/pickers/customer-picker';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useCurrentUser } from '../../../lib/current-user';
import { useT, type Translate } from '../../../lib/i18n/i18n';
import { useOwnRules } from '../../../lib/own-rules';
import type { TimerCustomer } from '../../../stores/timer-store';
import { useStartTimer, useSwitchTimer } from '../api/timer';
import { announce } from '../lib/announce';
import { isRuleRefusal } from '../lib/rule-refusal';
import type { useNoteDraft } from './use-note-draft';
import { useRecentPairs, type RecentPair } from './use-recent-pairs';

export type NoteDraft = ReturnType<typeof useNoteDraft>;

export type StartFormInput = {
  onClose: () => void; fixedCustomer?: TimerCustomer; running: WorkEntry | null; draft?: NoteDraft; initialCategory?: string;
};

type FieldErrors = { customer?: string; category?: string; note?: string };

/** The Start and the Switch request; either one, once done, closes the dialog and says so. */
function useTimerMutations(onClose: () => void, draft: NoteDraft | undefined) {
  const t = useT();
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
  return { start, switchTimer };
}

/** A 404/422 about one field belongs under that field; anything else above the form. */
function serverErrors(serverError: Error | null, t: Translate) {
  const category = isApiError(serverError, 'CATEGORY_ARCHIVED') ? getErrorMessage(serverError) : null;
  const customer = isApiError(serverError, 'CUSTOMER_ARCHIVED') ? getErrorMessage(serverError) : null;
  const note = isApiError(serverError, 'NOTE_REQUIRED') ? t('Add a note to stop the running timer.') : null;
  const form = serverError && !category && !customer && !note
    ? (isRuleRefusal(serverError) ? serverError.message : getErrorMessage(serverError))
    : null;
  return { category, customer, note, form };
}

/**
 * The Customer Timer form's state: the chosen customer and category (pre-filled with the last pair
 * once it is known, never after the user touched a field), the running session's note when
 * switching, the field errors (own checks and the server's), and the Start/Switch request.
 */
export function useStartForm({ onClose, fixedCustomer, running, draft, initialCategory }: StartFormInput) {
  const t = useT();
  const me = useCurrentUser();
  const categoryFieldId = useId();
  const customerRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const recent = useRecentPairs();
  const noteRequired = (useOwnRules(me.id).data?.noteRequired ?? false) && Boolean(running);
  const { start, switchTimer } = useTimerMutations(onClose, draft);
  const pending = start.isPending || switchTimer.isPending;
  const [customer, setCustomer] = useState<CustomerOption | null>(fixedCustomer ?? null);
  const [categoryId, setCategoryId] = useState(initialCategory ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

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

  const server = serverErrors(start.error ?? switchTimer.error, t);
  const resetServer = () => {
    start.reset();
    switchTimer.reset();
  };
  const pairs = recent.pairs.filter((p) => (!fixedCustomer || p.customer.id === fixedCustomer.id)
    && !(running && p.customer.id === running.customerId && p.category.id === running.categoryId));
  const state = { setCustomer, setCategoryId, setErrors, prefilled, server, resetServer, draft, go };
  return {
    customer, categoryId, errors, server, pairs, pairsLoading: recent.loading, pending, noteRequired, close,
    customerRef, noteRef, categoryFieldId,
    submit: (event: FormEvent) => {
      event.preventDefault();
      go(customer, categoryId);
    },
    ...fieldHandlers(state),
  };
}

type HandlerState = {
  setCustomer: (c: CustomerOption | null) => void;
  setCategoryId: (id: string) => void;
  setErrors: (update: (e: FieldErrors) => FieldErrors) => void;
  prefilled: { current: boolean };
  server: ReturnType<typeof serverErrors>;
  resetServer: () => void;
  draft?: NoteDraft;
  go: (chosen: CustomerOption | null, chosenCategory: string) => void;
};

/** What each field does when changed: marks the form touched, clears its own error and the server's. */
function fieldHandlers({ setCustomer, setCategoryId, setErrors, prefilled, server, resetServer, draft, go }: HandlerState) {
  return {
    pickPair: (p: RecentPair) => {
      prefilled.current = true;
      setCustomer(p.customer);
      setCategoryId(p.category.id);
      go(p.customer, p.category.id);
    },
    // Typing before the last customer is known: the pre-fill must not replace the text.
    typeCustomer: () => {
      prefilled.current = true;
    },
    changeCustomer: (c: CustomerOption | null) => {
      prefilled.current = true;
      setCustomer(c);
      if (c) setErrors((e) => ({ ...e, customer: undefined }));
      if (server.customer) resetServer();
    },
    changeCategory: (id: string) => {
      prefilled.current = true;
      setCategoryId(id);
      if (id) setErrors((e) => ({ ...e, category: undefined }));
      if (server.category) resetServer();
    },
    changeNote: (event: ChangeEvent<HTMLTextAreaElement>) => {
      draft?.setNote(event.target.value);
      if (event.target.value.trim()) setErrors((e) => ({ ...e, note: undefined }));
      if (server.note) resetServer();
    },
  };
}
