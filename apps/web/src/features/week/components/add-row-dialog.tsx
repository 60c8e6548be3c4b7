import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { CategoryPicker } from '../../../components/pickers/category-picker';
import { CustomerPicker } from '../../../components/pickers/customer-picker';
import { useCategories } from '../../../components/pickers/use-categories';
import type { CustomerOption } from '../../../components/pickers/use-customer-picker';
import { useT } from '../../../lib/i18n/i18n';
import type { WeekRow } from '../lib/week';

export type AddRowDialogProps = {
  onAdd: (row: Pick<WeekRow, 'customer' | 'category'>) => void;
  onClose: () => void;
};

/**
 * A new timesheet row: a customer and a category, chosen with the pickers the timer and the entry
 * form use. The row shows with empty cells; nothing is stored until a time is typed into a cell.
 */
export function AddRowDialog({ onAdd, onClose }: AddRowDialogProps) {
  const t = useT();
  const formId = useId();
  const categories = useCategories();
  const [customer, setCustomer] = useState<CustomerOption | null>(null);
  const [categoryId, setCategoryId] = useState('');
  const [errors, setErrors] = useState<{ customer?: string; category?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const category = categories.data?.find((c) => c.id === categoryId);
    const next = { customer: customer ? undefined : t('Choose a customer.'), category: category ? undefined : t('Choose a category.') };
    setErrors(next);
    if (!customer || !category) return;
    onAdd({ customer: { id: customer.id, name: customer.name }, category: { id: category.id, name: category.name } });
  };

  return (
    <Modal
      open
      title={t('Add a row')}
      description={t('Nothing is saved until you type a time into one of its days.')}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>{t('Cancel')}</Button>
          <Button variant="primary" type="submit" form={formId}>{t('Add a row')}</Button>
        </>
      }
    >
      <form id={formId} className="stack" onSubmit={submit} noValidate>
        <CustomerPicker value={customer} onChange={setCustomer} required error={errors.customer ?? null} autoFocus />
        <CategoryPicker value={categoryId} onChange={setCategoryId} required error={errors.category ?? null} />
      </form>
    </Modal>
  );
}
