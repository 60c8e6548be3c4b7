import type { Customer } from '@workdiary/shared';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import type { DataTableColumn } from '../../../components/data-table';
import { IconButton } from '../../../components/icon-button';
import { PencilIcon } from '../../../components/icons';
import { translate as t } from '../../../lib/i18n/i18n';

export type CustomerColumnsInput = {
  /** Managers get the actions column (edit, archive or restore). */
  canManage: boolean;
  /** A save is on its way: Restore waits for it. */
  saving: boolean;
  onEdit: (c: Customer) => void;
  onArchive: (c: Customer) => void;
  onRestore: (c: Customer) => void;
};

/** The customer list's columns: name (a link, "Archived" badge), email, phone, address, and the managers' actions. */
export function customerColumns({ canManage, saving, onEdit, onArchive, onRestore }: CustomerColumnsInput): DataTableColumn<Customer>[] {
  const columns: DataTableColumn<Customer>[] = [
    {
      key: 'name',
      header: t('Name'),
      rowHeader: true,
      cell: (c) => (
        <span className="customer-name">
          <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
          {c.archived ? <Badge tone="neutral">{t('Archived')}</Badge> : null}
        </span>
      ),
    },
    { key: 'email', header: t('Email'), cell: (c) => c.email ?? <span className="muted">—</span> },
    { key: 'phone', header: t('Phone'), cell: (c) => c.phone ?? <span className="muted">—</span> },
    { key: 'address', header: t('Address'), cell: (c) => <span className="customer-address">{c.address ?? <span className="muted">—</span>}</span> },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: <span className="visually-hidden">{t('Actions')}</span>,
      align: 'right',
      width: '1%',
      cell: (c) => (
        <span className="row customers-actions">
          <IconButton label={t('Edit {name}', { name: c.name })} tone="edit" size="sm" icon={<PencilIcon size={16} />} onClick={() => onEdit(c)} />
          {c.archived ? (
            <Button size="sm" variant="ghost" onClick={() => onRestore(c)} disabled={saving}>{t('Restore')}</Button>
          ) : (
            <Button size="sm" variant="ghost" onClick={() => onArchive(c)}>{t('Archive')}</Button>
          )}
        </span>
      ),
    });
  }
  return columns;
}
