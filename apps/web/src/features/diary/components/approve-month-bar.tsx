import type { MonthState } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { toast } from '../../../components/toast';
import { useApproveMonth } from '../api/months';
import { monthLabel } from '../lib/format';

type Props = {
  month: string;
  states: readonly MonthState[] | undefined;
  selected: readonly string[];
  onApproved: () => void;
};

/** Who is still missing this month, and "Approve month" for the selected users or everyone at once. */
export function ApproveMonthBar({ month, states, selected, onApproved }: Props) {
  const approve = useApproveMonth();
  if (!states) return null;
  const missing = states.filter((s) => s.status === 'OPEN' || s.status === 'REOPENED');
  const approved = states.filter((s) => s.status === 'APPROVED').length;
  const allApproved = states.length > 0 && approved === states.length;

  function run(body: { all: true } | { userIds: string[] }) {
    approve.mutate({ month, body }, {
      onSuccess: (result) => {
        toast.success(`${monthLabel(month)} approved for ${result.approved.length} ${result.approved.length === 1 ? 'person' : 'people'}.`);
        onApproved();
      },
      onError: (error) => toast.error(error, { title: 'Could not approve' }),
    });
  }

  return (
    <div className="month-close-bar" data-testid="month-close-bar">
      <p className="month-close-bar__text">
        {allApproved
          ? `${monthLabel(month)} is approved for everyone.`
          : missing.length === 0
            ? `Everyone has submitted ${monthLabel(month)}. ${approved} of ${states.length} approved.`
            : `Still missing (not submitted): ${missing.map((s) => s.name).join(', ')}. ${approved} of ${states.length} approved.`}
      </p>
      <div className="row">
        <Button size="sm" disabled={selected.length === 0} loading={approve.isPending} onClick={() => run({ userIds: [...selected] })}>
          Approve selected ({selected.length})
        </Button>
        <Button size="sm" variant="primary" disabled={allApproved} loading={approve.isPending} onClick={() => run({ all: true })}>
          Approve month for everyone
        </Button>
      </div>
    </div>
  );
}
