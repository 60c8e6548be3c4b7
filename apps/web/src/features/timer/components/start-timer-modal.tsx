import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { Modal } from '../../../components/modal';
import { CategoryPicker } from '../../../components/pickers/category-picker';
import { CustomerPicker, type CustomerOption } from '../../../components/pickers/customer-picker';
import { GearIcon, PlayIcon } from '../../../components/icons';
import { IconButton } from '../../../components/icon-button';
import { useNavigate } from 'react-router';
import { ADMIN_ROLES, hasRole, useCurrentUser } from '../../../lib/current-user';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import type { TimerCustomer } from '../../../stores/timer-store';
import { useStartTimer } from '../api/timer';

export type StartTimerModalProps = {
  onClose: () => void;
  /** The customer page's At work: the customer is given, only the category is asked for. */
  customer?: TimerCustomer;
};

/** The "Customer Timer" dialog: Customer (searchable) and Category (with Add new) → Submit. */
export function StartTimerModal({ onClose, customer: fixedCustomer }: StartTimerModalProps) {
  const formId = useId();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const categoryFieldId = useId();
  const customerRef = useRef<HTMLInputElement>(null);
  const start = useStartTimer({ onSuccess: () => onClose() });
  const [customer, setCustomer] = useState<CustomerOption | null>(fixedCustomer ?? null);
  const [categoryId, setCategoryId] = useState('');
  const [errors, setErrors] = useState<{ customer?: string; category?: string }>({});

  const close = () => {
    if (!start.isPending) onClose();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (start.isPending) return;
    const next = { customer: customer ? undefined : 'Choose a customer.', category: categoryId ? undefined : 'Choose a category.' };
    setErrors(next);
    if (!customer) customerRef.current?.focus();
    else if (!categoryId) document.getElementById(categoryFieldId)?.focus();
    if (!customer || !categoryId) return;
    start.mutate({ customerId: customer.id, categoryId });
  }

  const serverError = start.error;
  // A 404/422 about one field belongs under that field; anything else above the form.
  const categoryServerError = isApiError(serverError, 'CATEGORY_ARCHIVED') ? serverError.message : null;
  const customerServerError = isApiError(serverError, 'CUSTOMER_ARCHIVED') ? serverError.message : null;
  const formError = serverError && !categoryServerError && !customerServerError ? getErrorMessage(serverError) : null;

  return (
    <Modal
      open
      title="Customer Timer"
      description={fixedCustomer ? `Start work for ${fixedCustomer.name}.` : 'Choose whom you work for and what kind of work it is.'}
      onClose={close}
      closeOnBackdrop={false}
      headerActions={hasRole(me, ADMIN_ROLES) ? (
        <IconButton
          label="Customer Timer settings"
          icon={<GearIcon size={18} />}
          onClick={() => {
            onClose();
            void navigate('/settings?open=customer-timer');
          }}
        />
      ) : undefined}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={start.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" icon={<PlayIcon size={16} />} loading={start.isPending} loadingText="Starting…">
            Submit
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
        {fixedCustomer ? (
          <div className="timer-form__fixed">
            <span className="field__label">Customer</span>
            <span className="timer-form__fixed-value">{fixedCustomer.name}</span>
          </div>
        ) : (
          <CustomerPicker
            ref={customerRef}
            value={customer}
            onChange={(c) => {
              setCustomer(c);
              if (c) setErrors((e) => ({ ...e, customer: undefined }));
              if (customerServerError) start.reset();
            }}
            error={errors.customer ?? customerServerError}
            required
            autoFocus
            disabled={start.isPending}
          />
        )}
        <CategoryPicker
          id={categoryFieldId}
          value={categoryId}
          onChange={(id) => {
            setCategoryId(id);
            if (id) setErrors((e) => ({ ...e, category: undefined }));
            if (categoryServerError) start.reset();
          }}
          error={errors.category ?? categoryServerError}
          required
          disabled={start.isPending}
        />
      </form>
    </Modal>
  );
}
