import { NameSchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { VacationSummary } from '../../../components/balance/vacation-remaining';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { LocaleField, localeOptionLabel } from '../../../components/pickers/locale-field';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { roleLabel, useCurrentUser } from '../../../lib/current-user';
import { useOwnRules, useUpdateMyName } from '../api/profile';
import { ChangePasswordForm } from '../components/change-password-form';
import { MonthReminderSwitch } from '../components/month-reminder-switch';
import { MySessions } from '../components/my-sessions';
import { ApiTokens } from '../components/api-tokens';
import { CalendarFeed } from '../components/calendar-feed';
import { OwnRules } from '../components/own-rules';
import '../components/profile.css';
import { translate as t } from '../../../lib/i18n/i18n';

/** Every user's own page: who they are, the rules they work under, and their password. */
export function ProfilePage() {
  const me = useCurrentUser();
  const rules = useOwnRules(me.id);
  const rename = useUpdateMyName();
  const [name, setName] = useState(me.name);
  const [nameError, setNameError] = useState<string | null>(null);

  const saveName = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = NameSchema.safeParse(name);
    if (!parsed.success) return setNameError(parsed.error.issues[0]?.message ?? t('Name is required'));
    setNameError(null);
    rename.mutate({ name: parsed.data }, {
      onSuccess: (saved) => {
        setName(saved.name);
        toast.success(t('Your name was saved.'));
      },
      onError: (error) => setNameError(getErrorMessage(error)),
    });
  };

  return (
    <>
      <PageHeader title={t('Profile')} subtitle={t('Your account at {name}.', { name: me.organization.name })} />
      <div className="profile-grid">
        <div className="profile-stack">
          <Card title={t('Account')}>
            <div className="stack">
              <form className="profile-name-row" noValidate onSubmit={saveName}>
                <TextField label={t('Name')} value={name} onChange={(e) => setName(e.target.value)} error={nameError} autoComplete="name" />
                <Button type="submit" loading={rename.isPending} loadingText={t('Saving…')} disabled={name.trim() === me.name}>{t('Save')}</Button>
              </form>
              <dl className="profile-facts">
                <div><dt>{t('Email (your login)')}</dt><dd>{me.email}</dd></div>
                <div><dt>{t('Role')}</dt><dd><Badge tone={me.role === 'ADMIN' ? 'info' : 'neutral'}>{roleLabel(me.role)}</Badge></dd></div>
                <div><dt>{t('Organisation')}</dt><dd>{me.organization.name}</dd></div>
                <div><dt>{t('Time zone')}</dt><dd>{me.organization.timeZone}</dd></div>
              </dl>
              <p className="muted" style={{ margin: 0 }}>{t('An administrator changes your email, role and pay.')}</p>
              <LocaleField
                label={t('My language')}
                value={me.locale ?? ''}
                followLabel={t('As the organisation ({locale})', { locale: localeOptionLabel(me.organization.locale) })}
                disabled={rename.isPending}
                onChange={(locale) => rename.mutate({ locale: locale || null }, {
                  onSuccess: () => toast.success(t('Your language was saved.')),
                  onError: (error) => toast.error(error),
                })}
              />
              <MonthReminderSwitch me={me} />
            </div>
          </Card>
          <Card title={t('Vacation this year')}>
            <VacationSummary userId={me.id} />
          </Card>
          <ChangePasswordForm />
          <Card title={t('Signed-in devices')}>
            <MySessions />
          </Card>
          <Card title={t('API tokens')}>
            <ApiTokens />
          </Card>
          <Card title={t('Calendar link')}>
            <CalendarFeed />
          </Card>
        </div>
        <Card title={t('My work rules')}>
          {rules.isPending ? (
            <Spinner label={t('Loading your work rules…')} />
          ) : rules.isError ? (
            <ErrorState error={rules.error} title={t('Could not load your work rules')} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
          ) : (
            <OwnRules rules={rules.data} />
          )}
        </Card>
      </div>
    </>
  );
}
