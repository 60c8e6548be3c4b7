import type { User } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useIssueSetPasswordLink, useSignOutEverywhere } from '../api/users';
import { InviteLink } from './invite-link';
import { UserApiTokens } from './user-api-tokens';
import { translate as t } from '../../../lib/i18n/i18n';

/** Under an active user's edit form: a set-password link, "Sign out everywhere", and their API tokens. */
export function UserAccountActions({ user }: { user: User }) {
  const issueLink = useIssueSetPasswordLink();
  const signOut = useSignOutEverywhere();
  return (
    <div className="user-form__group" style={{ marginTop: 'var(--space-5)' }}>
      <p className="field__label" style={{ margin: 0 }}>{t('Password')}</p>
      {issueLink.data ? (
        <InviteLink name={issueLink.data.user.name} url={issueLink.data.setPasswordUrl} expiresAt={issueLink.data.expiresAt} mailedTo={issueLink.data.mailed ? issueLink.data.user.email : null} />
      ) : (
        <div className="row">
          <Button size="sm" loading={issueLink.isPending} loadingText={t('Creating link…')} onClick={() => issueLink.mutate(user.id)}>
            {t('Create a set-password link')}
          </Button>
          <span className="muted">{t('For a forgotten password or an expired invitation.')}</span>
        </div>
      )}
      {issueLink.error ? <p className="field__error" role="alert">{getErrorMessage(issueLink.error)}</p> : null}
      <p className="field__label" style={{ margin: 'var(--space-3) 0 0' }}>{t('Sessions')}</p>
      <div className="row">
        <Button
          size="sm"
          loading={signOut.isPending}
          loadingText={t('Signing out…')}
          onClick={() => signOut.mutate(user.id, {
            onSuccess: ({ ended }) => toast.success(ended === 0 ? t('{name} was not signed in anywhere.', { name: user.name }) : t('{name} was signed out on {count, plural, one {# device} other {# devices}}.', { name: user.name, count: ended })),
          })}
        >
          {t('Sign out everywhere')}
        </Button>
        <span className="muted">{t('Ends every session of {name} at once, e.g. for a lost phone.', { name: user.name })}</span>
      </div>
      {signOut.error ? <p className="field__error" role="alert">{getErrorMessage(signOut.error)}</p> : null}
      <p className="field__label" style={{ margin: 'var(--space-3) 0 0' }}>{t('API tokens')}</p>
      <UserApiTokens userId={user.id} name={user.name} />
    </div>
  );
}
