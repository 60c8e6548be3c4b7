import { useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { Spinner } from '../../../components/spinner';
import { toast } from '../../../components/toast';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { useRevokeUserApiToken, useUserApiTokens } from '../api/user-tokens';

/**
 * An admin's view of someone's personal API tokens (issue 28) inside the Edit user dialog: name,
 * last use and expiry, and Revoke with an inline confirmation (the dialog is already a modal).
 * Read only when the admin asks (most edits are about pay or role, not tokens).
 */
export function UserApiTokens({ userId, name }: { userId: string; name: string }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  if (!shown) {
    return (
      <div className="row">
        <Button size="sm" onClick={() => setShown(true)}>{t('Show API tokens')}</Button>
        <span className="muted">{t('Scripts of {name} that act as them; revoke one at once, e.g. when it leaked.', { name })}</span>
      </div>
    );
  }
  return <UserApiTokenList userId={userId} name={name} />;
}

function UserApiTokenList({ userId, name }: { userId: string; name: string }) {
  const t = useT();
  const format = useFormat();
  const tokens = useUserApiTokens(userId);
  const revoke = useRevokeUserApiToken(userId);
  const [confirming, setConfirming] = useState<string | null>(null);

  if (tokens.isPending) return <Spinner label={t('Loading API tokens…')} />;
  if (tokens.isError) {
    return <ErrorState error={tokens.error} title={t('Could not load the API tokens')} onRetry={() => void tokens.refetch()} retrying={tokens.isFetching} />;
  }
  if (tokens.data.items.length === 0) return <p className="muted" style={{ margin: 0 }}>{t('{name} has no API tokens.', { name })}</p>;
  return (
    <ul className="user-tokens" aria-label={t('API tokens of {name}', { name })}>
      {tokens.data.items.map((token) => (
        <li key={token.id} className="user-tokens__item">
          <div>
            <p className="user-tokens__name">{token.name}</p>
            <p className="muted user-tokens__meta">
              {t('Last used {used} · expires {expires}', {
                used: token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('never'),
                expires: token.expiresAt ? format.dateTime(token.expiresAt) : t('never'),
              })}
            </p>
          </div>
          {confirming === token.id ? (
            <div className="row">
              <Button size="sm" variant="ghost" onClick={() => setConfirming(null)} disabled={revoke.isPending}>{t('Cancel')}</Button>
              <Button
                size="sm"
                variant="danger"
                loading={revoke.isPending}
                loadingText={t('Revoking…')}
                onClick={() => revoke.mutate(token.id, {
                  onSuccess: () => {
                    toast.success(t('The token {name} was revoked.', { name: token.name }));
                    setConfirming(null);
                  },
                  onError: (error) => toast.error(error),
                })}
              >
                {t('Yes, revoke')}
              </Button>
            </div>
          ) : (
            <Button size="sm" variant="danger" onClick={() => setConfirming(token.id)} aria-label={t('Revoke token {name}', { name: token.name })}>
              {t('Revoke')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
