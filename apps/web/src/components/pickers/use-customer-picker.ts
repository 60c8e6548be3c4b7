import { CustomerListSchema, type CustomerList } from '@workdiary/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent, type Ref } from 'react';
import { api } from '../../lib/api-client';
import { useDebouncedValue } from '../../lib/use-debounced-value';

export type CustomerOption = { id: string; name: string };

const PAGE = 20;
const DEBOUNCE_MS = 200;

/** Active customers matching `q` (server-side search on name, email, phone). */
export function searchCustomers(q: string, signal?: AbortSignal): Promise<CustomerList> {
  return api.get('/api/customers', { query: { q: q.trim(), limit: PAGE }, schema: CustomerListSchema, signal });
}

/** A search's answer, tagged with the text it was asked for. */
type Answer = { q: string; list: CustomerList };

type PickerInput = {
  value: CustomerOption | null;
  onChange: (customer: CustomerOption | null) => void;
  ref?: Ref<HTMLInputElement>;
  onType?: () => void;
};

/**
 * The text the field shows, kept in step with the chosen value. A value set from outside (a
 * pre-fill, a reset) shows its name and closes a list opened before it; the null this picker itself
 * sends (`emit`) while the user types leaves the typed text alone. A value set from outside while
 * the field has the focus is shown selected: what is typed next replaces it (never appends to it).
 */
function useShownText(value: CustomerOption | null, onChange: PickerInput['onChange'], ref: PickerInput['ref'], onOutsideValue: (chosen: boolean) => void) {
  const [text, setText] = useState(value?.name ?? '');
  const inputRef = useRef<HTMLInputElement | null>(null);
  const setInput = (el: HTMLInputElement | null) => {
    inputRef.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };
  const selectShown = useRef(false);
  // What this picker last sent (`emit`) and the value it replaced, until the value comes back.
  const sent = useRef<{ id: string | null; replaced: string | null } | undefined>(undefined);
  const valueId = value?.id ?? null;
  const valueName = value?.name ?? null;
  // The latest callback, so the value alone decides when the effect below runs.
  const outsideValue = useRef(onOutsideValue);
  useLayoutEffect(() => {
    outsideValue.current = onOutsideValue;
  });
  useEffect(() => {
    const pending = sent.current;
    if (pending !== undefined && pending.id === valueId) {
      sent.current = undefined; // our own value came back: the typed text stays
      return;
    }
    // A value the user has already replaced by typing (its effect ran after the keystroke's
    // handler): showing it would put its name back over the typed text, and the null coming next
    // would then empty the field. Seen under load: "acm" typed right as the pre-fill arrived.
    if (pending !== undefined && pending.replaced === valueId) return;
    sent.current = undefined;
    setText(valueName ?? '');
    outsideValue.current(valueId !== null);
    selectShown.current = valueId !== null;
  }, [valueId, valueName]);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!selectShown.current || !input || input.value !== text) return;
    selectShown.current = false;
    if (input.ownerDocument.activeElement === input) input.select();
  }, [text]);
  const emit = (customer: CustomerOption | null) => {
    sent.current = { id: customer?.id ?? null, replaced: value?.id ?? null };
    onChange(customer);
  };
  const stopSelecting = () => {
    selectShown.current = false;
  };
  return { text, setText, setInput, emit, stopSelecting };
}

/** The search for `wanted` while the list is open, and what of its answer is offered. */
function useCustomerSearch(open: boolean, wanted: string) {
  const query = useDebouncedValue(wanted, DEBOUNCE_MS);
  const results = useQuery({
    queryKey: ['customers', 'picker', query],
    queryFn: async ({ signal }): Promise<Answer> => ({ q: query, list: await searchCustomers(query, signal) }),
    enabled: open,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  // Offered: the answer for the text the field shows now, nothing else.
  const fresh = results.data !== undefined && results.data.q === wanted;
  const shown = (results.data?.list.items ?? []).filter((c) => !c.archived);
  const items = fresh ? shown : [];
  const hiddenCount = fresh && results.data ? results.data.list.total - results.data.list.items.length : 0;
  const searching = open && !results.isError && (results.isFetching || !fresh);
  // The older list, while the answer for the current text is on its way: seen, not offered.
  const stale = open && !fresh && !results.isError ? shown : [];
  return { results, fresh, items, stale, hiddenCount, searching };
}

/**
 * The customer picker's state (CustomerPicker draws it and states its rules): the text, the open
 * list, the highlight, the search and what of its answer is offered.
 */
export function useCustomerPicker({ value, onChange, ref, onType }: PickerInput) {
  const [open, setOpen] = useState(false);
  // The highlight, tagged with the search text it was made on: it holds for that text only.
  const [active, setActive] = useState<{ q: string; index: number } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const { text, setText, setInput, emit, stopSelecting } = useShownText(value, onChange, ref, (chosen) => {
    setActive(null);
    if (chosen) setOpen(false);
  });
  // The text shown is a chosen customer's name: nothing was typed (a pre-filled or picked value).
  const chosenShown = value !== null && text === value.name;
  const wanted = (chosenShown ? '' : text).trim();
  const search = useCustomerSearch(open, wanted);
  const { items } = search;
  const typed = !chosenShown && wanted !== '';
  const activeIndex = !open || items.length === 0 ? -1
    : active?.q === wanted ? Math.min(active.index, items.length - 1)
      : typed ? 0 : -1;
  const activeItem = activeIndex >= 0 ? items[activeIndex] : undefined;
  const highlight = (index: number) => setActive({ q: wanted, index });

  useEffect(() => {
    if (!open || !activeItem) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(activeItem.id)}"]`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [open, activeItem]);

  function choose(customer: CustomerOption) {
    emit({ id: customer.id, name: customer.name });
    setText(customer.name);
    setActive(null);
    setOpen(false);
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) =>
    pickerKey(event, { open, setOpen, count: items.length, activeIndex, highlight, typed, pick: activeItem ? () => choose(activeItem) : null });
  function onInputChange(event: ChangeEvent<HTMLInputElement>) {
    setText(event.target.value);
    setActive(null);
    setOpen(true);
    stopSelecting();
    onType?.();
    if (value) emit(null);
  }
  // Neither focus nor a click opens the list (a dialog that focuses the field must not have it open
  // by itself: it swallowed the first Escape and Cancel click); typing, ↓ or the arrow button do.
  const toggle = () => setOpen(!open);

  return { ...search, text, open, setOpen, setInput, listRef, wanted, activeIndex, activeItem, highlight, choose, onKeyDown, onInputChange, toggle };
}

type KeyContext = {
  open: boolean; setOpen: (open: boolean) => void; count: number; activeIndex: number;
  highlight: (index: number) => void; typed: boolean; pick: (() => void) | null;
};

/** The combobox's keyboard: ↑/↓/Home/End move, Enter picks, Escape closes the list, Tab leaves. */
function pickerKey(event: KeyboardEvent<HTMLInputElement>, { open, setOpen, count, activeIndex, highlight, typed, pick }: KeyContext) {
  switch (event.key) {
    case 'ArrowDown':
      event.preventDefault();
      if (!open) setOpen(true);
      else if (count > 0) highlight(Math.min(activeIndex + 1, count - 1));
      break;
    case 'ArrowUp':
      event.preventDefault();
      if (count > 0) highlight(activeIndex < 0 ? count - 1 : Math.max(activeIndex - 1, 0));
      break;
    case 'Home':
    case 'End':
      if (!open || count === 0) break;
      event.preventDefault();
      highlight(event.key === 'Home' ? 0 : count - 1);
      break;
    case 'Enter':
      if (open && pick) {
        // Enter picks from the list; it must not submit the form around the picker.
        event.preventDefault();
        pick();
      } else if (typed) {
        // Typed text that names no customer (yet): nothing to book, and no form submit either.
        event.preventDefault();
        setOpen(true);
      } else {
        // A chosen customer (or an empty field) goes to the form as it is shown.
        setOpen(false);
      }
      break;
    case 'Escape':
      if (open) {
        // Close the list, not the dialog the picker sits in.
        event.preventDefault();
        event.stopPropagation();
        event.nativeEvent.stopImmediatePropagation();
        setOpen(false);
      }
      break;
    case 'Tab':
      setOpen(false);
      break;
  }
}
