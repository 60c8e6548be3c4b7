import type { ImportDryRun, ImportUserMap, UserListItem } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { SelectField } from '../../../components/select-field';
import { useT } from '../../../lib/i18n/i18n';
import { useFormat } from '../../../lib/format';
import { rowCodeLabel } from '../lib/tools';

type PreviewRow = ImportDryRun['preview'][number];

/** The dry run: counts, the file's people (pickers for the unknown), what will be created, the first rows, every error. */
export function ImportPreview({ preview, people, userMap, onMap }: {
  preview: ImportDryRun;
  people: UserListItem[] | undefined;
  userMap: ImportUserMap;
  onMap: (source: string, userId: string) => void;
}) {
  const t = useT();
  const f = useFormat();
  const columns: Array<DataTableColumn<PreviewRow>> = [
    { key: 'row', header: t('Row'), cell: (r) => r.row, rowHeader: true },
    { key: 'user', header: t('User'), cell: (r) => r.user },
    { key: 'customer', header: t('Customer'), cell: (r) => r.customer },
    { key: 'category', header: t('Category'), cell: (r) => r.category },
    { key: 'start', header: t('Start'), cell: (r) => f.dateTime(r.startedAt) },
    { key: 'stop', header: t('Stop'), cell: (r) => f.dateTime(r.stoppedAt) },
    { key: 'note', header: t('Note'), cell: (r) => (r.duplicate ? <Badge tone="neutral">{t('Already there: skipped')}</Badge> : r.note) },
  ];
  return (
    <div className="import-preview">
      <dl className="import-counts" aria-label={t('What the import will do')}>
        <div><dt>{t('Rows in the file')}</dt><dd data-testid="count-rows">{preview.rows}</dd></div>
        <div><dt>{t('New entries')}</dt><dd data-testid="count-create">{preview.entries.toCreate}</dd></div>
        <div><dt>{t('Already there (skipped)')}</dt><dd data-testid="count-duplicates">{preview.entries.duplicates}</dd></div>
        <div><dt>{t('Errors')}</dt><dd data-testid="count-errors">{preview.errors.length}</dd></div>
      </dl>

      {preview.users.length > 0 ? <PreviewPeople users={preview.users} people={people} userMap={userMap} onMap={onMap} /> : null}

      {preview.customers.toCreate.length > 0 || preview.categories.toCreate.length > 0 ? (
        <section aria-labelledby="import-new">
          <h3 id="import-new">{t('Created by the import')}</h3>
          {preview.customers.toCreate.length > 0 ? <p>{t('New customers')}: {preview.customers.toCreate.join(', ')}</p> : null}
          {preview.categories.toCreate.length > 0 ? <p>{t('New categories')}: {preview.categories.toCreate.join(', ')}</p> : null}
        </section>
      ) : null}

      {preview.errors.length > 0 ? <PreviewErrors errors={preview.errors} /> : null}

      <section aria-labelledby="import-first-rows">
        <h3 id="import-first-rows">{t('The first rows as they will be stored')}</h3>
        <DataTable
          columns={columns}
          rows={preview.preview}
          rowKey={(r) => String(r.row)}
          caption={t('The first rows as they will be stored')}
          emptyTitle={t('No rows to import')}
          emptyMessage={t('The file has no row that can be imported yet.')}
        />
      </section>
    </div>
  );
}

/** The file's people: who is recognised, and a picker for each one that is not (or was re-mapped). */
function PreviewPeople({ users, people, userMap, onMap }: {
  users: ImportDryRun['users'];
  people: UserListItem[] | undefined;
  userMap: ImportUserMap;
  onMap: (source: string, userId: string) => void;
}) {
  const t = useT();
  const nameOf = (id: string | null) => people?.find((p) => p.id === id)?.name ?? id ?? '';
  return (
    <section aria-labelledby="import-people">
      <h3 id="import-people">{t('People')}</h3>
      <ul className="import-people">
        {users.map((u) => (
          <li key={u.source}>
            <span className="import-people__source">{u.source}</span>
            {u.userId && userMap[u.source] === undefined ? (
              <span>→ {nameOf(u.userId)}</span>
            ) : (
              <SelectField
                label={t('Workdiary user for {source}', { source: u.source })}
                value={userMap[u.source] ?? ''}
                placeholder={t('Choose a user…')}
                options={(people ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
                onChange={(e) => onMap(u.source, e.target.value)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every row that cannot be imported, and why. */
function PreviewErrors({ errors }: { errors: ImportDryRun['errors'] }) {
  const t = useT();
  return (
    <section aria-labelledby="import-errors" className="import-errors">
      <h3 id="import-errors">{t('Rows that cannot be imported')}</h3>
      <p className="muted">{t('Nothing is imported while the file has errors. Correct the file (or map the people) and check it again.')}</p>
      <ul>
        {errors.map((e) => (
          <li key={`${e.row}-${e.code}`}>
            <strong>{t('Row {row}', { row: e.row })} · {rowCodeLabel(e.code)}</strong>: {e.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
