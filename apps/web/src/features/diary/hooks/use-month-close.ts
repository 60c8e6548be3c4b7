import { currentMonth } from '@workdiary/shared';
import { useState } from 'react';
import { toast } from '../../../components/toast';
import { useT } from '../../../lib/i18n/i18n';
import { serverNow } from '../../../lib/server-clock';
import { useApproveMonth, useMonthStates, useSubmitMonth } from '../api/months';
import { approvalBlockedReason } from '../components/approve-month-dialog';
import { useMonthLock } from '../components/month-lock';
import { monthLabel } from '../lib/format';

/**
 * The month-close panel's state for one user's month: its state and history, the lock, why it
 * cannot be approved yet, the comment it was sent back with, the open dialogs, submit and approve.
 */
export function useMonthClose(month: string, userId: string, tz: string) {
  const t = useT();
  const states = useMonthStates(month, userId);
  const submit = useSubmitMonth();
  const approve = useApproveMonth();
  const [reopening, setReopening] = useState(false);
  const [approving, setApproving] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const state = states.data?.month === month ? states.data.items[0] : undefined;
  const blocked = approvalBlockedReason(t, month, currentMonth(tz, new Date(serverNow())));
  const latest = states.data?.events[0];
  const lock = useMonthLock(userId, `${month}-01`);
  const sentBack = state && (state.status === 'OPEN' || state.status === 'REOPENED') && latest?.action === 'REJECT' ? latest : null;

  const submitMonth = () => submit.mutate(month, {
    onSuccess: () => toast.success(t('{month} submitted. A manager will approve it.', { month: monthLabel(month) })),
    onError: (error) => toast.error(error, { title: t('Could not submit') }),
  });
  const approveMonth = () => approve.mutate({ month, body: { userIds: [userId] } }, {
    onSuccess: () => {
      toast.success(t('{month} approved for {count, plural, one {# person} other {# people}}.', { month: monthLabel(month), count: 1 }));
      setApproving(false);
    },
    onError: (error) => {
      setApproving(false);
      toast.error(error, { title: t('Could not approve') });
    },
  });

  return {
    states, state, blocked, lock, sentBack,
    reopening, setReopening, approving, setApproving, rejecting, setRejecting,
    submitting: submit.isPending, submitMonth, approvePending: approve.isPending, approveMonth,
  };
}

export type MonthClose = ReturnType<typeof useMonthClose>;
