import type { MonthStatus } from '@workdiary/shared';
import { Badge, type BadgeTone } from '../../../components/badge';

const LOOK: Record<MonthStatus, { label: string; tone: BadgeTone; title: string }> = {
  OPEN: { label: 'Open', tone: 'neutral', title: 'Not submitted yet' },
  SUBMITTED: { label: 'Submitted', tone: 'info', title: 'Marked complete by the person; waiting for approval' },
  APPROVED: { label: 'Approved', tone: 'success', title: 'Approved for payroll: locked' },
  REOPENED: { label: 'Reopened', tone: 'warning', title: 'Reopened by an admin: editable again' },
};

/** A user's month state as a small badge. */
export function MonthStatusBadge({ status }: { status: MonthStatus }) {
  const look = LOOK[status];
  return <Badge tone={look.tone} title={look.title}>{look.label}</Badge>;
}
