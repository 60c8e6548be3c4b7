import { CustomerListSchema, type CustomerList } from '@workdiary/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { api, getErrorMessage } from '../../lib/api-client';
import { cx } from '../../lib/cx';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { describedBy, FieldShell } from '../field';
import { SearchIcon } from '../icons';
import { Spinner } from '../spinner';
import './customer-picker.css';
import { translate as t } from '../../lib/i18n/i18n';

export type CustomerOption = { id: string; name: string };

export type CustomerPickerProps = {
  value: CustomerOption | null;
  onChange: (customer: CustomerOption | null) => void;
  /** Default "Customer". */
  label?: string;
  error?: string | null;
  disabled?: boolean;
  required?: boolean;
  id?: string;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
  /** The user changed the text (also while no customer is chosen): a pre-fill must not overwrite it. */
  onType?: () => void;
};

const PAGE = 20;
const DEBOUNCE_MS = 200;

/** Active customers matching `q` (server-side search on name, email, phone). */
export function searchCustomers(q: string, signal?: AbortSignal): Promise<CustomerList> {
  return api.get('/api/customers', { query: { q: q.trim(), limit: PAGE }, schema: CustomerListSchema, signal });
}

/** A search's answer, tagged with the text it was asked for. */
type Answer = { q: string; list: CustomerList };

/**
 * A searchable customer combobox (ARIA 1.2 pattern) over `GET /api/customers?q=`: type to
 * search, ↑/↓ to move, Enter to pick, Escape to close the list. Archived customers are not offered.
 *
 * What the field shows is what is booked:
 * - only the answer to the text the field shows is offered; while that answer is on its way the
 *   older list stays visible, dimmed and out of reach (no highlight, no pick, not announced), and an
 *   answer to an older text never replaces a newer one (each answer carries its text);
 * - the first match is highlighted only for text the user typed; a list opened on a chosen (e.g.
 *   pre-filled) customer or an empty field highlights nothing until ↑/↓ or the mouse does;
 * - Enter picks the highlighted option; with none, Enter on a chosen customer keeps it (the form
 *   submits), and Enter on typed text that names no option yet does nothing;
 * - a chosen customer is kept until the user changes the text; focus alone does not open the list
 *   on it.
 */
export function CustomerPicker({ value, onChange, label = t('Customer'), error, disabled, required, id, autoFocus, ref, onType }: CustomerPickerProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const listId = `${inputId}-listbox`;
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  // The highlight, tagged with the search text it was made on: it holds for that text only.
  const [active, setActive] = useState<{ q: string; index: number } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const setInput = (el: HTMLInputElement | null) => {
    inputRef.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };
  // A value set from outside while the field has the focus is shown selected: what is typed next
  // replaces it (never appends to it).
  const selectShown = useRef(false);
  // The text shown is a chosen customer's name: nothing was typed (a pre-filled or picked value).
  const chosenShown = value !== null && text === value.name;
  const wanted = (chosenShown ? '' : text).trim();
  const query = useDebouncedValue(wanted, DEBOUNCE_MS);

  // A value set from outside (a pre-fill, a reset) shows its name and closes a list opened before
  // it; the null this picker itself sends while the user types leaves the typed text alone.
  const sent = useRef<CustomerOption | null | undefined>(undefined);
  const valueId = value?.id ?? null;
  const valueName = value?.name ?? null;
  useEffect(() => {
    const own = sent.current !== undefined && (sent.current?.id ?? null) === valueId;
    sent.current = undefined;
    if (own) return;
    setText(valueName ?? '');
    setActive(null);
    if (valueId !== null) setOpen(false);
    selectShown.current = valueId !== null;
  }, [valueId, valueName]);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!selectShown.current || !input || input.value !== text) return;
    selectShown.current = false;
    if (input.ownerDocument.activeElement === input) input.select();
  }, [text]);
  const emit = (customer: CustomerOption | null) => {
    sent.current = customer;
    onChange(customer);
  };

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

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else if (items.length > 0) highlight(Math.min(activeIndex + 1, items.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (items.length > 0) highlight(activeIndex < 0 ? items.length - 1 : Math.max(activeIndex - 1, 0));
        break;
      case 'Home':
      case 'End':
        if (!open || items.length === 0) break;
        event.preventDefault();
        highlight(event.key === 'Home' ? 0 : items.length - 1);
        break;
      case 'Enter':
        if (open && activeItem) {
          // Enter picks from the list; it must not submit the form around the picker.
          event.preventDefault();
          choose(activeItem);
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

  const hiddenCount = fresh && results.data ? results.data.list.total - results.data.list.items.length : 0;
  const searching = open && !results.isError && (results.isFetching || !fresh);
  // The older list, while the answer for the current text is on its way: seen, not offered.
  const stale = open && !fresh && !results.isError ? shown : [];

  return (
    <FieldShell id={inputId} label={label} error={error} required={required} className="customer-picker">
      <div className="customer-picker__anchor">
        <div className={cx('customer-picker__control', open && 'customer-picker__control--open')}>
          <SearchIcon className="customer-picker__icon" size={16} />
          <input
            ref={setInput}
            id={inputId}
            type="text"
            role="combobox"
            className="input customer-picker__input"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('Search customers…')}
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={activeItem ? `${listId}-${activeItem.id}` : undefined}
            aria-required={required || undefined}
            value={text}
            disabled={disabled}
            autoFocus={autoFocus}
            {...describedBy(inputId, error)}
            onChange={(event) => {
              setText(event.target.value);
              setActive(null);
              setOpen(true);
              selectShown.current = false;
              onType?.();
              if (value) emit(null);
            }}
            // Focus opens the list on an empty field only: a chosen customer stays as it is.
            onFocus={() => {
              if (!value) setOpen(true);
            }}
            onClick={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          {searching ? <span className="customer-picker__busy"><Spinner size="sm" label={t('Searching customers…')} /></span> : null}
        </div>
        {open ? (
          <div className="customer-picker__popup">
            <ul ref={listRef} id={listId} role="listbox" aria-label={typeof label === 'string' ? label : t('Customers')} className="customer-picker__list">
              {items.map((c, i) => (
                <li
                  key={c.id}
                  id={`${listId}-${c.id}`}
                  data-id={c.id}
                  role="option"
                  aria-selected={i === activeIndex}
                  className={cx('customer-picker__option', i === activeIndex && 'customer-picker__option--active', value?.id === c.id && 'customer-picker__option--chosen')}
                  // Keep focus in the input; the click picks.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => highlight(i)}
                  onClick={() => choose(c)}
                >
                  <span className="customer-picker__name">{c.name}</span>
                  {c.email ? <span className="customer-picker__meta">{c.email}</span> : null}
                </li>
              ))}
            </ul>
            {stale.length > 0 ? (
              <ul className="customer-picker__list customer-picker__list--stale" aria-hidden="true" inert>
                {stale.map((c) => (
                  <li key={c.id} className="customer-picker__option">
                    <span className="customer-picker__name">{c.name}</span>
                    {c.email ? <span className="customer-picker__meta">{c.email}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {!fresh && !results.isError && stale.length === 0 ? <p className="customer-picker__status">{t('Loading customers…')}</p> : null}
            {results.isError ? (
              <p className="customer-picker__status customer-picker__status--error" role="alert">
                {t('Could not load the customers: {reason}', { reason: getErrorMessage(results.error) })}{' '}
                <button type="button" className="customer-picker__retry" onMouseDown={(e) => e.preventDefault()} onClick={() => void results.refetch()}>
                  {t('Retry')}
                </button>
              </p>
            ) : null}
            {fresh && items.length === 0 ? (
              <p className="customer-picker__status">{wanted ? t('No customers match “{value1}”.', { value1: wanted }) : t('No customers yet.')}</p>
            ) : null}
            {fresh && hiddenCount > 0 ? (
              <p className="customer-picker__status">{hiddenCount} {t('more: type to narrow the list.')}</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </FieldShell>
  );
}
