import type { Customer } from '@workdiary/shared';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { toast } from '../../../components/toast';
import { translate as t } from '../../../lib/i18n/i18n';
import type { useSaveCustomer } from '../api/customers';

type ArchiveCustomerDialogProps = {
  /** The customer to archive; null: the dialog is closed. */
  customer: Customer | null;
  save: ReturnType<typeof useSaveCustomer>;
  onClose: () => void;
};

/** "Archive customer?": on confirm the customer is archived, a toast says so and the dialog closes. */
export function ArchiveCustomerDialog({ customer, save, onClose }: ArchiveCustomerDialogProps) {
  return (
    <ConfirmDialog
      open={customer !== null}
      title={t('Archive customer?')}
      message={
        <p>
          <strong>{customer?.name}</strong> {t('leaves the customer list and pickers and takes no new work. Its entries and exports stay; you can restore it any time.')}
        </p>
      }
      confirmLabel={t('Archive')}
      loading={save.isPending}
      loadingText={t('Archiving…')}
      onCancel={onClose}
      onConfirm={() => {
        if (!customer) return;
        save.mutate({ id: customer.id, body: { archived: true } }, {
          onSuccess: () => {
            toast.success(`“${customer.name}” archived`);
            onClose();
          },
          onError: (e) => toast.error(e),
        });
      }}
    />
  );
}
