import { useState, type FormEvent } from 'react';
import { AbsenceKindListSchema, AbsenceKindSchema, type AbsenceKind, type AbsencePayrollType } from '@workdiary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { DataTable } from '../../../components/data-table';
import { SelectField } from '../../../components/select-field';
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
  const [payrollType, setPayrollType] = useState<AbsencePayrollType>('none');
  const payrollOptions = [
    { value: 'none', label: t('Not exported') },
    { value: 'vacation', label: t('Vacation') },
    { value: 'sick', label: t('Sick leave') },
  ];
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const add = useMutation({
    mutationFn: () => api.post('/api/settings/absence-kinds', { body: { name, creditPercent: Number(credit), payrollType }, schema: AbsenceKindSchema }),
    onSuccess: async () => { setName(''); setPayrollType('none'); setError(null); await refresh(); },
    onError: (err) => setError(getErrorMessage(err)),
  });
  const setType = useMutation({
    mutationFn: ({ kind, type }: { kind: AbsenceKind; type: AbsencePayrollType }) =>
      api.put(`/api/settings/absence-kinds/${encodeURIComponent(kind.id)}`, { body: { name: kind.name, creditPercent: kind.creditPercent, payrollType: type }, schema: AbsenceKindSchema }),
    onSettled: refresh,
    onError: (err) => toast.error(err, { title: t('Could not save') }),
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
    <Card title={t('Absence kinds')} className="settings-card settings-card--wide absence-kinds-card">
      <DataTable
        caption={t('Absence kinds')}
        columns={[
          { key: 'name', header: t('Name'), rowHeader: true, cell: (k) => (k.archived ? t('{name} (archived)', { name: k.name }) : k.name) },
          { key: 'credit', header: t('Counts as worked'), align: 'right', cell: (k) => `${k.creditPercent}%` },
          {
            key: 'payroll',
            header: t('Payroll (DATEV)'),
            cell: (k) => (k.archived ? null : (
              <SelectField
                label={t('Payroll type of {name}', { name: k.name })}
                hideLabel
                options={payrollOptions}
                value={k.payrollType}
                disabled={setType.isPending}
                onChange={(e) => setType.mutate({ kind: k, type: e.target.value as AbsencePayrollType })}
              />
            )),
          },
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
        <TextField className="absence-kind-form__percent" label={t('Counts as worked (%)')} type="number" min={0} max={100} value={credit} onChange={(e) => setCredit(e.target.value)} />
        <SelectField label={t('Payroll (DATEV)')} options={payrollOptions} value={payrollType} onChange={(e) => setPayrollType(e.target.value as AbsencePayrollType)} />
        <Button type="submit" loading={add.isPending}>{t('Add kind')}</Button>
      </form>
    </Card>
  );
}
