import { useId } from 'react';
import { Button } from '../button';
import { SelectField } from '../select-field';
import { TextField } from '../text-field';
import './category-picker.css';
import { translate as t } from '../../lib/i18n/i18n';
import { useCategoryPicker } from './use-category-picker';

export { ADD_NEW_CATEGORY } from './use-category-picker';

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

/**
 * The one category dropdown (header timer, customer At work, manual entry, diary edit): the
 * organisation's active categories, and a last option "+ Add new…" that creates one inline
 * (any role may) and selects it without leaving the form.
 */
export function CategoryPicker({ value, onChange, label = t('Category'), error, disabled, id, required, current }: CategoryPickerProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  const picker = useCategoryPicker({ value, onChange, current });
  const { categories } = picker;

  return (
    <div className="category-picker">
      <SelectField
        ref={picker.selectRef}
        id={selectId}
        label={label}
        value={value}
        required={required}
        disabled={disabled || categories.isPending}
        error={error ?? picker.loadError}
        placeholder={picker.placeholder}
        options={picker.options}
        onChange={picker.onSelectChange}
      />
      {categories.isError ? (
        <Button size="sm" variant="ghost" onClick={() => void categories.refetch()} loading={categories.isFetching} loadingText={t('Retrying…')}>
          {t('Retry')}
        </Button>
      ) : null}
      {picker.adding ? <AddCategory picker={picker} selectId={selectId} disabled={disabled} /> : null}
    </div>
  );
}

type Picker = ReturnType<typeof useCategoryPicker>;

/** The inline "add a category" group: the name, Add and Cancel, and "Use “…”" on a name clash. */
function AddCategory({ picker, selectId, disabled }: { picker: Picker; selectId: string; disabled?: boolean }) {
  const { create, existing } = picker;
  return (
    <div className="category-picker__add" role="group" aria-label={t('Add a category')}>
      <TextField
        label={t('New category name')}
        id={`${selectId}-new`}
        value={picker.name}
        maxLength={80}
        autoFocus
        autoComplete="off"
        disabled={disabled}
        error={picker.nameError}
        onChange={picker.onNameChange}
        onKeyDown={picker.onNameKeyDown}
        className="category-picker__name"
      />
      <div className="category-picker__add-actions">
        <Button variant="primary" size="sm" onClick={picker.submitNew} loading={create.isPending} loadingText={t('Adding…')} disabled={disabled}>
          {t('Add')}
        </Button>
        <Button variant="ghost" size="sm" onClick={picker.closeAdd} disabled={create.isPending}>
          {t('Cancel')}
        </Button>
      </div>
      {existing?.existingId ? (
        <Button
          variant="ghost"
          size="sm"
          className="category-picker__use-existing"
          onClick={() => picker.pickExisting(existing.existingId ?? '')}
        >
          {t('Use “')}{existing.name}”
        </Button>
      ) : null}
    </div>
  );
}
