import type { ImportRecord } from '@workdiary/shared';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { toast } from '../../../components/toast';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useImportHistory, useUndoImport } from '../api/imports';
import { toolOf } from '../lib/tools';

/** Who imported which file when, what it created, and Undo while its months are open. */
export function ImportHistory() {
  const t = useT();
  const f = useFormat();
  const history = useImportHistory();
  const undo = useUndoImport();
  const [confirming, setConfirming] = useState<ImportRecord | null>(null);
  const columns: Array<DataTableColumn<ImportRecord>> = [
    { key: 'when', header: t('When'), cell: (r) => f.dateTime(r.createdAt), rowHeader: true },
    { key: 'who', header: t('By'), cell: (r) => r.createdBy.name },
    { key: 'file', header: t('File'), cell: (r) => <span className="import-file">{r.fileName}<span className="muted"> · {toolOf(r.format).name}</span></span> },
    { key: 'counts', header: t('Created'), cell: (r) => t('{entries} entries, {customers} customers, {categories} categories; {duplicates} skipped', {
      entries: r.created.entries, customers: r.created.customers, categories: r.created.categories, duplicates: r.skipped.duplicates,
    }) },
    { key: 'action', header: t('Action'), cell: (r) => (r.undoneAt
      ? <Badge tone="neutral" title={r.undoneBy?.name}>{t('Undone {date}', { date: f.dateTime(r.undoneAt) })}</Badge>
      : <Button variant="danger" onClick={() => setConfirming(r)} disabled={r.created.entries === 0}>{t('Undo')}</Button>) },
  ];
  return (
    <Card title={t('Import history')} className="settings-card">
      <DataTable
        columns={columns}
        rows={history.data?.items}
        rowKey={(r) => r.id}
        caption={t('Import history')}
        loading={history.isPending}
        error={history.isError ? history.error : undefined}
        onRetry={() => void history.refetch()}
        emptyTitle={t('No imports yet')}
        emptyMessage={t('Files you import appear here, and can be undone while their months are open.')}
      />
      <ConfirmDialog
        open={confirming !== null}
        title={t('Undo this import?')}
        message={confirming ? t('The {entries} entries imported from {file} are deleted. Customers and categories it created stay.', { entries: confirming.created.entries, file: confirming.fileName }) : ''}
        confirmLabel={t('Undo import')}
        loading={undo.isPending}
        loadingText={t('Undoing…')}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (!confirming) return;
          undo.mutate(confirming.id, {
            onSuccess: () => { toast.success(t('The import is undone.')); setConfirming(null); },
            onError: (error) => { toast.error(error); setConfirming(null); },
          });
        }}
      />
    </Card>
  );
}
