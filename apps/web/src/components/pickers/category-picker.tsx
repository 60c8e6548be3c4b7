import { CategoryNameSchema } from '@workdiary/shared';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { getErrorMessage, isApiError } from '../../lib/api-client';
import { Button } from '../button';
import { SelectField, type SelectOption } from '../select-field';
import { TextField } from '../text-field';
import { useCategories, useCreateCategory } from './use-categories';
import './category-picker.css';
import { translate as t } from '../../lib/i18n/i18n';

/** The value of the last option, which opens the inline "new category" input. */
export const ADD_NEW_CATEGORY = '__add_new__';

export type CategoryPickerProps = {
  /** The selected category id, '' for none. */
  value: string;
  onChange: (categoryId: string) => void;
  /** Default "Category". */
  label?: string;
  error?: string | null;
  disabled?: boolean;
  id?: string;
  required?: boolean;
  /**
   * The category the edited record already has (e.g. `entry.category`). An archived one is not in
   * the list; passing it keeps it shown ("Support (archived)") instead of a blank select.
   */
  current?: { id: string; name: string; archived?: boolean } | null;
};

type ClashDetails = { name?: string; existingId?: string; archived?: boolean };

/**
 * The one category dropdown (header timer, customer At work, manual entry, diary edit): the
 * organisation's active categories, and a last option "+ Add new…" that creates one inline
 * (any role may) and selects it without leaving the form.
 */
export function CategoryPicker({ value, onChange, label = t('Category'), error, disabled, id, required, current }: CategoryPickerProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  const categories = useCategories();
  const create = useCreateCategory();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [clash, setClash] = useState<ClashDetails | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);

  const list = categories.data ?? [];
  const options: SelectOption[] = list.map((c) => ({ value: c.id, label: c.name }));
  if (value && !list.some((c) => c.id === value) && current?.id === value) {
    options.unshift({ value, label: current.archived ? `${current.name} (archived)` : current.name });
  }
  options.push({ value: ADD_NEW_CATEGORY, label: t('+ Add new…') });

  const placeholder = categories.isPending
    ? t('Loading categories…')
    : list.length === 0 ? t('No categories yet: add one') : t('Choose a category…');
  const loadError = categories.isError ? t('Could not load the categories: {value1}', { value1: getErrorMessage(categories.error) }) : null;

  function closeAdd() {
    setAdding(false);
    setName('');
    setNameError(null);
    setClash(null);
    create.reset();
    // Back to the dropdown once React has shown it again.
    requestAnimationFrame(() => selectRef.current?.focus());
  }

  function submitNew() {
    if (create.isPending) return;
    const parsed = CategoryNameSchema.safeParse(name);
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message ?? t('Enter a name'));
      return;
    }
    setNameError(null);
    setClash(null);
    create.mutate(parsed.data, {
      onSuccess: (created) => {
        onChange(created.id);
        closeAdd();
      },
      onError: (err) => {
        setNameError(getErrorMessage(err));
        if (isApiError(err, 'CATEGORY_NAME_TAKEN')) setClash((err.details ?? null) as ClashDetails | null);
      },
    });
  }

  function onNameKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      // Enter adds the category; it must not submit the form around the picker.
      event.preventDefault();
      submitNew();
    } else if (event.key === 'Escape') {
      // Escape leaves "add" mode without closing the dialog the picker sits in.
      event.preventDefault();
      event.stopPropagation();
      closeAdd();
    }
  }

  const existing = clash?.existingId && !clash.archived && list.some((c) => c.id === clash.existingId) ? clash : null;

  return (
    <div className="category-picker">
      <SelectField
        ref={selectRef}
        id={selectId}
        label={label}
        value={value}
        required={required}
        disabled={disabled || categories.isPending}
        error={error ?? loadError}
        placeholder={placeholder}
        options={options}
        onChange={(event) => {
          const next = event.target.value;
          if (next === ADD_NEW_CATEGORY) {
            setAdding(true);
            return;
          }
          onChange(next);
        }}
      />
      {categories.isError ? (
        <Button size="sm" variant="ghost" onClick={() => void categories.refetch()} loading={categories.isFetching} loadingText={t('Retrying…')}>
          {t('Retry')}
        </Button>
      ) : null}
      {adding ? (
        <div className="category-picker__add" role="group" aria-label={t('Add a category')}>
          <TextField
            label={t('New category name')}
            id={`${selectId}-new`}
            value={name}
            maxLength={80}
            autoFocus
            autoComplete="off"
            disabled={disabled}
            error={nameError}
            onChange={(event) => {
              setName(event.target.value);
              if (nameError) setNameError(null);
              setClash(null);
            }}
            onKeyDown={onNameKeyDown}
            className="category-picker__name"
          />
          <div className="category-picker__add-actions">
            <Button variant="primary" size="sm" onClick={submitNew} loading={create.isPending} loadingText={t('Adding…')} disabled={disabled}>
              {t('Add')}
            </Button>
            <Button variant="ghost" size="sm" onClick={closeAdd} disabled={create.isPending}>
              {t('Cancel')}
            </Button>
          </div>
          {existing?.existingId ? (
            <Button
              variant="ghost"
              size="sm"
              className="category-picker__use-existing"
              onClick={() => {
                onChange(existing.existingId ?? '');
                closeAdd();
              }}
            >
              {t('Use “')}{existing.name}”
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
