import { CategoryNameSchema } from '@workdiary/shared';
import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { getErrorMessage, isApiError } from '../../lib/api-client';
import type { SelectOption } from '../select-field';
import { useCategories, useCreateCategory } from './use-categories';
import { translate as t } from '../../lib/i18n/i18n';

/** The value of the last option, which opens the inline "new category" input. */
export const ADD_NEW_CATEGORY = '__add_new__';

type ClashDetails = { name?: string; existingId?: string; archived?: boolean };

type CurrentCategory = { id: string; name: string; archived?: boolean } | null | undefined;

/** The select's options: the active categories, the edited record's own (archived) one, and "+ Add new…". */
function categoryOptions(list: { id: string; name: string }[], value: string, current: CurrentCategory): SelectOption[] {
  const options: SelectOption[] = list.map((c) => ({ value: c.id, label: c.name }));
  if (value && !list.some((c) => c.id === value) && current?.id === value) {
    options.unshift({ value, label: current.archived ? `${current.name} (archived)` : current.name });
  }
  options.push({ value: ADD_NEW_CATEGORY, label: t('+ Add new…') });
  return options;
}

type PickerInput = { value: string; onChange: (categoryId: string) => void; current?: CurrentCategory };

/**
 * The category picker's state (CategoryPicker draws it): the active categories and the select's
 * options, and the inline "add a category" mode with its name, its error and a name clash.
 */
export function useCategoryPicker({ value, onChange, current }: PickerInput) {
  const categories = useCategories();
  const create = useCreateCategory();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [clash, setClash] = useState<ClashDetails | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);

  const list = categories.data ?? [];
  const options = categoryOptions(list, value, current);
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

  function onNameChange(event: ChangeEvent<HTMLInputElement>) {
    setName(event.target.value);
    if (nameError) setNameError(null);
    setClash(null);
  }

  function onSelectChange(event: ChangeEvent<HTMLSelectElement>) {
    const next = event.target.value;
    if (next === ADD_NEW_CATEGORY) {
      setAdding(true);
      return;
    }
    onChange(next);
  }

  function pickExisting(existingId: string) {
    onChange(existingId);
    closeAdd();
  }

  // A clash with an active category in the list: offer to pick that one instead.
  const existing = clash?.existingId && !clash.archived && list.some((c) => c.id === clash.existingId) ? clash : null;

  return {
    categories, create, adding, name, nameError, existing, selectRef, options, placeholder, loadError,
    closeAdd, submitNew, onNameKeyDown, onNameChange, onSelectChange, pickExisting,
  };
}
