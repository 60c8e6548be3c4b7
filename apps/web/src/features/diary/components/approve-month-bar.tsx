import { useState } from 'react';
import type { MonthState } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { toast } from '../../../components/toast';
import { useT } from '../../../lib/i18n/i18n';
import { useApproveMonth } from '../api/months';
import { monthLabel } from '../lib/format';
import { ApproveMonthDialog, approvalBlockedReason } from './approve-month-dialog';

type Props = {
  month: string;
  /** The current month in the organisation's zone: it and later months cannot be approved yet. */
  thisMonth: string;
  states: readonly MonthState[] | undefined;
  selected: readonly string[];
  onApproved: () => void;
};

/**
 * Who is still missing this month, and "Approve month" for the selected users or everyone at
 * once — after a confirmation naming who has not submitted and what is still open.
 */
export function ApproveMonthBar({ month, thisMonth, states, selected, onApproved }: Props) {
  const t = useT();
  const approve = useApproveMonth();
  const [asking, setAsking] = useState<{ all: true } | { userIds: string[] } | null>(null);
  if (!states) return null;
  const missing = states.filter((s) => s.status === 'OPEN' || s.status === 'REOPENED');
  const approved = states.filter((s) => s.status === 'APPROVED').length;
  const allApproved = states.length > 0 && approved === states.length;
  const blocked = approvalBlockedReason(t, month, thisMonth);
  const targets = asking === null ? [] : states.filter((s) => s.status !== 'APPROVED' && ('all' in asking || asking.userIds.includes(s.userId)));

  function run() {
    if (asking === null) return;
    approve.mutate({ month, body: asking }, {
      onSuccess: (result) => {
        toast.success(t('{month} approved for {count, plural, one {# person} other {# people}}.', { month: monthLabel(month), count: result.approved.length }));
        setAsking(null);
        onApproved();
      },
      onError: (error) => {
        setAsking(null);
        toast.error(error, { title: t('Could not approve') });
      },
    });
  }

  return (
    <div className="month-close-bar" data-testid="month-close-bar">
      <div className="month-close-bar__text">
        <p>
          {allApproved
            ? t('{month} is approved for everyone.', { month: monthLabel(month) })
            : missing.length === 0
              ? t('Everyone has submitted {month}. {approved} of {total} approved.', { month: monthLabel(month), approved, total: states.length })
              : t('Still missing (not submitted): {names}. {approved} of {total} approved.', { names: missing.map((s) => s.name).join(', '), approved, total: states.length })}
        </p>
        {blocked && !allApproved ? <p className="muted" id="approve-blocked">{blocked}</p> : null}
      </div>
      {allApproved ? null : (
        <div className="row">
          <Button size="sm" disabled={selected.length === 0 || blocked !== null} aria-describedby={blocked ? 'approve-blocked' : undefined} onClick={() => setAsking({ userIds: [...selected] })}>
            {t('Approve selected ({count})', { count: selected.length })}
          </Button>
          <Button size="sm" variant="primary" disabled={blocked !== null} aria-describedby={blocked ? 'approve-blocked' : undefined} onClick={() => setAsking({ all: true })}>
            {t('Approve month for everyone')}
          </Button>
        </div>
      )}
      <ApproveMonthDialog open={asking !== null} month={month} targets={targets} loading={approve.isPending} onConfirm={run} onCancel={() => setAsking(null)} />
    </div>
  );
}
