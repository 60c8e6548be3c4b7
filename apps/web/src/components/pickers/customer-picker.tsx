import { useId, type ReactNode, type Ref } from 'react';
import { getErrorMessage } from '../../lib/api-client';
import { cx } from '../../lib/cx';
import { describedBy, FieldShell } from '../field';
import { ChevronDownIcon, SearchIcon } from '../icons';
import { Spinner } from '../spinner';
import './customer-picker.css';
import { translate as t } from '../../lib/i18n/i18n';
import { useCustomerPicker, type CustomerOption } from './use-customer-picker';

export { searchCustomers, type CustomerOption } from './use-customer-picker';

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

/**
 * A searchable customer combobox (ARIA 1.2 pattern) over `GET /api/customers?q=`: type to
 * search, ↑/↓ to move, Enter to pick, Escape to close the list. Archived customers are not offered.
 * The list opens on typing, ↓ or the arrow button only — never on focus or a click in the field —
 * so a dialog that focuses it opens without a list, and one Escape is one step back.
 *
 * What the field shows is what is booked:
 * - only the answer to the text the field shows is offered; while that answer is on its way the
 *   older list stays visible, dimmed and out of reach (no highlight, no pick, not announced), and an
 *   answer to an older text never replaces a newer one (each answer carries its text);
 * - the first match is highlighted only for text the user typed; a list opened on a chosen (e.g.
 *   pre-filled) customer or an empty field highlights nothing until ↑/↓ or the mouse does;
 * - Enter picks the highlighted option; with none, Enter on a chosen customer keeps it (the form
 *   submits), and Enter on typed text that names no option yet does nothing;
 * - a chosen customer is kept until the user changes the text; focus alone does not open the list.
 */
export function CustomerPicker({ value, onChange, label = t('Customer'), error, disabled, required, id, autoFocus, ref, onType }: CustomerPickerProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const listId = `${inputId}-listbox`;
  const picker = useCustomerPicker({ value, onChange, ref, onType });
  const { open, activeItem } = picker;

  return (
    <FieldShell id={inputId} label={label} error={error} required={required} className="customer-picker">
      <div className="customer-picker__anchor">
        <div className={cx('customer-picker__control', open && 'customer-picker__control--open')}>
          <SearchIcon className="customer-picker__icon" size={16} />
          <input
            ref={picker.setInput}
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
            value={picker.text}
            disabled={disabled}
            autoFocus={autoFocus}
            {...describedBy(inputId, error)}
            onChange={picker.onInputChange}
            onBlur={() => picker.setOpen(false)}
            onKeyDown={picker.onKeyDown}
          />
          {picker.searching ? <span className="customer-picker__busy"><Spinner size="sm" label={t('Searching customers…')} /></span> : null}
          <button
            type="button"
            className="customer-picker__toggle"
            tabIndex={-1}
            aria-label={t('Show customers')}
            aria-expanded={open}
            disabled={disabled}
            // Keep the focus in the input; the click opens or closes the list.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              picker.toggle();
              document.getElementById(inputId)?.focus();
            }}
          >
            <ChevronDownIcon size={16} />
          </button>
        </div>
        {open ? <CustomerPopup picker={picker} listId={listId} label={label} chosenId={value?.id ?? null} /> : null}
      </div>
    </FieldShell>
  );
}

type Picker = ReturnType<typeof useCustomerPicker>;

/** The open list: the offered options, the older list while an answer is on its way, and the list's status. */
function CustomerPopup({ picker, listId, label, chosenId }: { picker: Picker; listId: string; label: ReactNode; chosenId: string | null }) {
  const { items, stale, fresh, results, activeIndex, wanted, hiddenCount } = picker;
  return (
    <div className="customer-picker__popup">
      <ul ref={picker.listRef} id={listId} role="listbox" aria-label={typeof label === 'string' ? label : t('Customers')} className="customer-picker__list">
        {items.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            data-id={c.id}
            role="option"
            aria-selected={i === activeIndex}
            className={cx('customer-picker__option', i === activeIndex && 'customer-picker__option--active', chosenId === c.id && 'customer-picker__option--chosen')}
            // Keep focus in the input; the click picks.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => picker.highlight(i)}
            onClick={() => picker.choose(c)}
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
  );
}
