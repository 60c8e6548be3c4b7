import { CustomerListSchema, type CustomerList } from '@workdiary/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { api, getErrorMessage } from '../../lib/api-client';
import { cx } from '../../lib/cx';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { describedBy, FieldShell } from '../field';
import { SearchIcon } from '../icons';
import { Spinner } from '../spinner';
import './customer-picker.css';

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
};

const PAGE = 20;
const DEBOUNCE_MS = 200;

/** Active customers matching `q` (server-side search on name, email, phone). */
export function searchCustomers(q: string, signal?: AbortSignal): Promise<CustomerList> {
  return api.get('/api/customers', { query: { q: q.trim(), limit: PAGE }, schema: CustomerListSchema, signal });
}

/**
 * A searchable customer combobox (ARIA 1.2 pattern) over `GET /api/customers?q=`: type to
 * search, ↑/↓ to move, Enter to pick, Escape to close the list. Archived customers are not offered.
 */
export function CustomerPicker({ value, onChange, label = 'Customer', error, disabled, required, id, autoFocus, ref }: CustomerPickerProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const listId = `${inputId}-listbox`;
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const query = useDebouncedValue(value && text === value.name ? '' : text, DEBOUNCE_MS);

  // A value set from outside (e.g. a reset) shows its name.
  useEffect(() => {
    setText(value?.name ?? '');
  }, [value?.id, value?.name]);

  const results = useQuery({
    queryKey: ['customers', 'picker', query.trim()],
    queryFn: ({ signal }) => searchCustomers(query, signal),
    enabled: open,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const items = (results.data?.items ?? []).filter((c) => !c.archived);
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const activeItem = open ? items[activeIndex] : undefined;

  useEffect(() => {
    if (!open || !activeItem) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(activeItem.id)}"]`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [open, activeItem]);

  function choose(customer: CustomerOption) {
    onChange({ id: customer.id, name: customer.name });
    setText(customer.name);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive(Math.min(activeIndex + 1, items.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive(Math.max(activeIndex - 1, 0));
        break;
      case 'Home':
      case 'End':
        if (!open || items.length === 0) break;
        event.preventDefault();
        setActive(event.key === 'Home' ? 0 : items.length - 1);
        break;
      case 'Enter':
        // Enter picks from an open list; it must not submit the form around the picker.
        if (open && activeItem) {
          event.preventDefault();
          choose(activeItem);
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

  const hiddenCount = results.data ? results.data.total - results.data.items.length : 0;
  const searching = results.isFetching && !results.isError;

  return (
    <FieldShell id={inputId} label={label} error={error} required={required} className="customer-picker">
      <div className="customer-picker__anchor">
        <div className={cx('customer-picker__control', open && 'customer-picker__control--open')}>
          <SearchIcon className="customer-picker__icon" size={16} />
          <input
            ref={ref}
            id={inputId}
            type="text"
            role="combobox"
            className="input customer-picker__input"
            autoComplete="off"
            spellCheck={false}
            placeholder="Search customers…"
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
              setActive(0);
              setOpen(true);
              if (value) onChange(null);
            }}
            onFocus={() => setOpen(true)}
            onClick={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          {searching ? <span className="customer-picker__busy"><Spinner size="sm" label="Searching customers…" /></span> : null}
        </div>
        {open ? (
          <div className="customer-picker__popup">
            <ul ref={listRef} id={listId} role="listbox" aria-label={typeof label === 'string' ? label : 'Customers'} className="customer-picker__list">
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
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(c)}
                >
                  <span className="customer-picker__name">{c.name}</span>
                  {c.email ? <span className="customer-picker__meta">{c.email}</span> : null}
                </li>
              ))}
            </ul>
            {results.isPending ? <p className="customer-picker__status">Loading customers…</p> : null}
            {results.isError ? (
              <p className="customer-picker__status customer-picker__status--error" role="alert">
                Could not load the customers: {getErrorMessage(results.error)}{' '}
                <button type="button" className="customer-picker__retry" onMouseDown={(e) => e.preventDefault()} onClick={() => void results.refetch()}>
                  Retry
                </button>
              </p>
            ) : null}
            {results.isSuccess && items.length === 0 ? (
              <p className="customer-picker__status">{query.trim() ? `No customers match “${query.trim()}”.` : 'No customers yet.'}</p>
            ) : null}
            {results.isSuccess && hiddenCount > 0 ? (
              <p className="customer-picker__status">{hiddenCount} more: type to narrow the list.</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </FieldShell>
  );
}
