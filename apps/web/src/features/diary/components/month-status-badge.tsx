import type { MonthStatus } from '@workdiary/shared';
import { Badge, type BadgeTone } from '../../../components/badge';
import { useT } from '../../../lib/i18n/i18n';

const TONE: Record<MonthStatus, BadgeTone> = { OPEN: 'neutral', SUBMITTED: 'info', APPROVED: 'success', REOPENED: 'warning' };

/** A user's month state as a small badge. */
export function MonthStatusBadge({ status }: { status: MonthStatus }) {
  const t = useT();
  // One select message each: the catalog already has 'Open' as a verb (Öffnen), a state needs 'Offen'.
  const label = t('{status, select, OPEN {Open} SUBMITTED {Submitted} APPROVED {Approved} other {Reopened}}', { status });
  const title = t('{status, select, OPEN {Not submitted yet} SUBMITTED {Marked complete by the person; waiting for approval} APPROVED {Approved for payroll: locked} other {Reopened by an admin: editable again}}', { status });
  return <Badge tone={TONE[status]} title={title}>{label}</Badge>;
}
