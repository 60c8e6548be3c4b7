import type { Absence } from '@workdiary/shared';
import '../absences.css';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { PageHeader } from '../../../components/page-header';
import { toast } from '../../../components/toast';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { dateLabel } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useAbsences, useDecideAbsence, useWithdrawAbsence } from '../api/absences';
import { RequestAbsenceForm } from '../components/request-absence-form';

const STATUS_TONE = { REQUESTED: 'info', APPROVED: 'success', REJECTED: 'danger' } as const;

/** Absences: everyone requests their own; managers and admins approve or reject everyone's. */
export function AbsencesPage() {
  const t = useT();
  const me = useCurrentUser();
  const isManager = hasRole(me, MANAGER_ROLES);
  const year = new Date().getFullYear();
  const list = useAbsences(`${year - 1}-01-01`, `${year + 1}-12-31`);
  const decide = useDecideAbsence();
  const withdraw = useWithdrawAbsence();
  const onError = (title: string) => (error: unknown) => toast.error(error, { title });

  const columns: DataTableColumn<Absence>[] = [
    ...(isManager ? [{ key: 'user', header: t('Person'), rowHeader: true, cell: (a: Absence) => a.user.name }] : []),
    { key: 'kind', header: t('Kind'), cell: (a) => a.kind.name },
    { key: 'from', header: t('From'), cell: (a) => dateLabel(a.startDate) },
    { key: 'to', header: t('To'), cell: (a) => dateLabel(a.endDate) },
    { key: 'note', header: t('Note'), cell: (a) => a.note || <span className="muted">—</span> },
    { key: 'status', header: t('Status'), cell: (a) => <Badge tone={STATUS_TONE[a.status]}>{t('{status, select, REQUESTED {Requested} APPROVED {Approved} other {Rejected}}', { status: a.status })}</Badge> },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('Actions')}</span>,
      cell: (a) => (
        <span className="row">
          {isManager && a.status === 'REQUESTED' ? (
            <>
              <Button size="sm" variant="primary" onClick={() => decide.mutate({ id: a.id, decision: 'approve' }, { onError: onError(t('Could not approve')) })}>{t('Approve')}</Button>
              <Button size="sm" onClick={() => decide.mutate({ id: a.id, decision: 'reject' }, { onError: onError(t('Could not reject')) })}>{t('Reject')}</Button>
            </>
          ) : null}
          {(a.userId === me.id && a.status === 'REQUESTED') || isManager ? (
            <Button size="sm" variant="ghost" onClick={() => withdraw.mutate(a.id, { onError: onError(t('Could not delete')) })}>
              {a.userId === me.id && a.status === 'REQUESTED' ? t('Withdraw') : t('Delete')}
            </Button>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('Absences')} subtitle={isManager ? t('Requests of everyone; approved days count as worked required hours') : t('Your vacation, sick leave and other absences')} />
      <Card title={t('Request an absence')}>
        <RequestAbsenceForm />
      </Card>
      <Card flush title={isManager ? t('All absences') : t('My absences')}>
        <DataTable
          caption={t('Absences')}
          columns={columns}
          rows={list.data?.items}
          rowKey={(a) => a.id}
          loading={list.isPending}
          error={list.isError ? list.error : undefined}
          onRetry={() => void list.refetch()}
          emptyTitle={t('No absences')}
          emptyMessage={t('Requested and approved absences show here.')}
        />
      </Card>
    </>
  );
}
