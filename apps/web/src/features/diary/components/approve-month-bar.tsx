import type { MonthState } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { toast } from '../../../components/toast';
import { useT } from '../../../lib/i18n/i18n';
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
  const t = useT();
  const approve = useApproveMonth();
  if (!states) return null;
  const missing = states.filter((s) => s.status === 'OPEN' || s.status === 'REOPENED');
  const approved = states.filter((s) => s.status === 'APPROVED').length;
  const allApproved = states.length > 0 && approved === states.length;

  function run(body: { all: true } | { userIds: string[] }) {
    approve.mutate({ month, body }, {
      onSuccess: (result) => {
        toast.success(t('{month} approved for {count, plural, one {# person} other {# people}}.', { month: monthLabel(month), count: result.approved.length }));
        onApproved();
      },
      onError: (error) => toast.error(error, { title: t('Could not approve') }),
    });
  }

  return (
    <div className="month-close-bar" data-testid="month-close-bar">
      <p className="month-close-bar__text">
        {allApproved
          ? t('{month} is approved for everyone.', { month: monthLabel(month) })
          : missing.length === 0
            ? t('Everyone has submitted {month}. {approved} of {total} approved.', { month: monthLabel(month), approved, total: states.length })
            : t('Still missing (not submitted): {names}. {approved} of {total} approved.', { names: missing.map((s) => s.name).join(', '), approved, total: states.length })}
      </p>
      <div className="row">
        <Button size="sm" disabled={selected.length === 0} loading={approve.isPending} onClick={() => run({ userIds: [...selected] })}>
          {t('Approve selected ({count})', { count: selected.length })}
        </Button>
        <Button size="sm" variant="primary" disabled={allApproved} loading={approve.isPending} onClick={() => run({ all: true })}>
          {t('Approve month for everyone')}
        </Button>
      </div>
    </div>
  );
}
