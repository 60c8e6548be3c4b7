import type { Absence } from '@workdiary/shared';
import '../absences.css';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { DataTable, type DataTableColumn } from '../../../components/data-table';
import { PageHeader } from '../../../components/page-header';
import { toast } from '../../../components/toast';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../../lib/current-user';
import { useAbsences, useDecideAbsence, useWithdrawAbsence } from '../api/absences';
import { RequestAbsenceForm } from '../components/request-absence-form';

const STATUS_TONE = { REQUESTED: 'info', APPROVED: 'success', REJECTED: 'danger' } as const;
const STATUS_TEXT = { REQUESTED: 'Requested', APPROVED: 'Approved', REJECTED: 'Rejected' } as const;

/** Absences: everyone requests their own; managers and admins approve or reject everyone's. */
export function AbsencesPage() {
  const me = useCurrentUser();
  const isManager = hasRole(me, MANAGER_ROLES);
  const year = new Date().getFullYear();
  const list = useAbsences(`${year - 1}-01-01`, `${year + 1}-12-31`);
  const decide = useDecideAbsence();
  const withdraw = useWithdrawAbsence();
  const onError = (title: string) => (error: unknown) => toast.error(error, { title });

  const columns: DataTableColumn<Absence>[] = [
    ...(isManager ? [{ key: 'user', header: 'Person', rowHeader: true, cell: (a: Absence) => a.user.name }] : []),
    { key: 'kind', header: 'Kind', cell: (a) => a.kind.name },
    { key: 'from', header: 'From', cell: (a) => a.startDate },
    { key: 'to', header: 'To', cell: (a) => a.endDate },
    { key: 'note', header: 'Note', cell: (a) => a.note || <span className="muted">—</span> },
    { key: 'status', header: 'Status', cell: (a) => <Badge tone={STATUS_TONE[a.status]}>{STATUS_TEXT[a.status]}</Badge> },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      cell: (a) => (
        <span className="row">
          {isManager && a.status === 'REQUESTED' ? (
            <>
              <Button size="sm" variant="primary" onClick={() => decide.mutate({ id: a.id, decision: 'approve' }, { onError: onError('Could not approve') })}>Approve</Button>
              <Button size="sm" onClick={() => decide.mutate({ id: a.id, decision: 'reject' }, { onError: onError('Could not reject') })}>Reject</Button>
            </>
          ) : null}
          {(a.userId === me.id && a.status === 'REQUESTED') || isManager ? (
            <Button size="sm" variant="ghost" onClick={() => withdraw.mutate(a.id, { onError: onError('Could not delete') })}>
              {a.userId === me.id && a.status === 'REQUESTED' ? 'Withdraw' : 'Delete'}
            </Button>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="Absences" subtitle={isManager ? 'Requests of everyone; approved days count as worked required hours' : 'Your vacation, sick leave and other absences'} />
      <Card title="Request an absence">
        <RequestAbsenceForm />
      </Card>
      <Card flush title={isManager ? 'All absences' : 'My absences'}>
        <DataTable
          caption="Absences"
          columns={columns}
          rows={list.data?.items}
          rowKey={(a) => a.id}
          loading={list.isPending}
          error={list.isError ? list.error : undefined}
          onRetry={() => void list.refetch()}
          emptyTitle="No absences"
          emptyMessage="Requested and approved absences show here."
        />
      </Card>
    </>
  );
}
