import type { WorkEntry } from '@workdiary/shared';
import { useCurrentUser } from '../../lib/current-user';
import { translate as t } from '../../lib/i18n/i18n';
import { useTimerStore } from '../../stores/timer-store';
import { IconButton } from '../icon-button';
import { PlayIcon } from '../icons';

/**
 * "Continue" on one's own finished session: the header's timer dialog opens with the session's
 * customer and category chosen (Start, or Switch while another timer runs).
 */
export function ContinueButton({ entry }: { entry: WorkEntry }) {
  const me = useCurrentUser();
  const openStart = useTimerStore((s) => s.openStart);
  if (!entry.stoppedAt || entry.userId !== me.id || !me.organization.clientTimer || entry.category.archived) return null;
  return (
    <IconButton
      label={t('Continue {customer}, {category}', { customer: entry.customer.name, category: entry.category.name })}
      size="sm"
      icon={<PlayIcon size={16} />}
      onClick={() => openStart('header', entry.customer, entry.categoryId)}
    />
  );
}
