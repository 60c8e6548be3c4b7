import type { Me } from '@workdiary/shared';
import { Switch } from '../../../components/checkbox';
import { toast } from '../../../components/toast';
import { translate as t } from '../../../lib/i18n/i18n';
import { useUpdateMyName } from '../api/profile';

/** The monthly mail reminding to submit last month: on unless turned off; says when the server sends no mail. */
export function MonthReminderSwitch({ me }: { me: Pick<Me, 'monthReminder' | 'mailEnabled'> }) {
  const update = useUpdateMyName();
  return (
    <Switch
      label={t('Remind me by email to submit last month')}
      checked={me.monthReminder !== false}
      disabled={update.isPending}
      description={me.mailEnabled
        ? t('Early each month, while last month is not submitted yet.')
        : t('This server sends no mail, so no reminder goes out for now.')}
      onChange={(monthReminder) => update.mutate({ monthReminder }, {
        onSuccess: (saved) => toast.success(saved.monthReminder ? t('The monthly reminder is on.') : t('The monthly reminder is off.')),
        onError: (error) => toast.error(error),
      })}
    />
  );
}
