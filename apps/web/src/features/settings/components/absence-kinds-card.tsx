import { useState, type FormEvent } from 'react';
import { AbsenceKindListSchema, AbsenceKindSchema } from '@workdiary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { DataTable } from '../../../components/data-table';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { api, getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';

const KEY = ['absences', 'kinds'] as const;

/** Absence kinds (admins): name and the share of a day an approved absence counts as worked. */
export function AbsenceKindsCard() {
  const t = useT();
  const queryClient = useQueryClient();
  const kinds = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get('/api/settings/absence-kinds', { schema: AbsenceKindListSchema, signal }) });
  const [name, setName] = useState('');
  const [credit, setCredit] = useState('100');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const add = useMutation({
    mutationFn: () => api.post('/api/settings/absence-kinds', { body: { name, creditPercent: Number(credit) }, schema: AbsenceKindSchema }),
    onSuccess: async () => { setName(''); setError(null); await refresh(); },
    onError: (err) => setError(getErrorMessage(err)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/settings/absence-kinds/${encodeURIComponent(id)}`),
    onSettled: refresh,
    onError: (err) => toast.error(err, { title: t('Could not delete') }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }

  return (
    <Card title={t('Absence kinds')} className="settings-card">
      <DataTable
        caption={t('Absence kinds')}
        columns={[
          { key: 'name', header: t('Name'), rowHeader: true, cell: (k) => (k.archived ? t('{name} (archived)', { name: k.name }) : k.name) },
          { key: 'credit', header: t('Counts as worked'), align: 'right', cell: (k) => `${k.creditPercent}%` },
          {
            key: 'actions',
            header: <span className="visually-hidden">{t('Actions')}</span>,
            cell: (k) => (k.archived ? null : <Button size="sm" variant="ghost" onClick={() => remove.mutate(k.id)}>{t('Delete')}</Button>),
          },
        ]}
        rows={kinds.data?.items}
        rowKey={(k) => k.id}
        loading={kinds.isPending}
        error={kinds.isError ? kinds.error : undefined}
        onRetry={() => void kinds.refetch()}
        emptyTitle={t('No absence kinds')}
        emptyMessage={t('Add vacation, sick leave and other kinds below.')}
      />
      <form className="absence-kind-form" onSubmit={submit} noValidate>
        <TextField label={t('New kind')} value={name} onChange={(e) => setName(e.target.value)} error={error ?? undefined} />
        <TextField label={t('Counts as worked (%)')} type="number" min={0} max={100} value={credit} onChange={(e) => setCredit(e.target.value)} />
        <Button type="submit" loading={add.isPending}>{t('Add kind')}</Button>
      </form>
    </Card>
  );
}
