import type { ApiToken, ApiTokenCreated } from '@workdiary/shared';
import { ApiTokenBodySchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { serverNow } from '../../../lib/server-clock';
import { useCreateApiToken, useMyApiTokens, useRevokeApiToken } from '../api/integrations';
import { SecretValue } from './secret-value';

/** Expiry choices, in days ('' = never). */
const EXPIRY_DAYS = ['30', '90', '365', ''] as const;

/**
 * Personal API tokens for scripts (issue 28): create one with a name and an expiry, see it once
 * with a Copy button, the list with last use, revoke with a confirmation.
 */
export function ApiTokens() {
  const t = useT();
  const format = useFormat();
  const tokens = useMyApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>('90');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const expiryLabel = (days: string) => (days === '' ? t('Never') : t('In {days} days', { days }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const expiresAt = expiry === '' ? null : new Date(serverNow() + Number(expiry) * 86_400_000).toISOString();
    const parsed = ApiTokenBodySchema.safeParse({ name, expiresAt });
    if (!parsed.success) return setNameError(t('Give the token a name, e.g. the script that uses it.'));
    setNameError(null);
    create.mutate(parsed.data, {
      onSuccess: (token) => {
        setCreated(token);
        setName('');
      },
      onError: (error) => setNameError(getErrorMessage(error)),
    });
  };

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        toast.success(t('The token {name} was revoked.', { name: revoking.name }));
        if (created?.id === revoking.id) setCreated(null);
        setRevoking(null);
      },
      onError: (error) => toast.error(error),
    });
  };

  const now = serverNow();
  return (
    <div className="stack">
      <p className="muted" style={{ margin: 0 }}>
        {t('Scripts use a token as "Authorization: Bearer …" and act as you, with your role.')}
      </p>
      <form className="api-token-form" noValidate onSubmit={submit}>
        <TextField label={t('Token name')} value={name} onChange={(e) => setName(e.target.value)} error={nameError} maxLength={100} placeholder={t('e.g. Payroll export script')} />
        <SelectField label={t('Expires')} value={expiry} onChange={(e) => setExpiry(e.target.value)} options={EXPIRY_DAYS.map((d) => ({ value: d, label: expiryLabel(d) }))} />
        <Button type="submit" loading={create.isPending} loadingText={t('Creating…')}>{t('Create token')}</Button>
      </form>
      {created ? (
        <SecretValue
          label={t('New token {name}', { name: created.name })}
          value={created.token}
          note={t('Copy the token now: for safety it is not shown again.')}
          onDone={() => setCreated(null)}
        />
      ) : null}
      {tokens.isPending ? (
        <Spinner label={t('Loading your API tokens…')} />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} title={t('Could not load your API tokens')} onRetry={() => void tokens.refetch()} retrying={tokens.isFetching} />
      ) : tokens.data.items.length === 0 ? (
        <EmptyState title={t('No API tokens')} message={t('Create one for each script, so that you can revoke them one by one.')} />
      ) : (
        <ul className="session-list" aria-label={t('API tokens')}>
          {tokens.data.items.map((token) => {
            const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
            return (
              <li key={token.id} className="session-list__item">
                <div>
                  <p className="session-list__device">
                    {token.name} {expired ? <Badge tone="warning">{t('Expired')}</Badge> : null}
                  </p>
                  <p className="muted session-list__meta">
                    {t('Created {created} · last used {used} · expires {expires}', {
                      created: format.dateTime(token.createdAt),
                      used: token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('never'),
                      expires: token.expiresAt ? format.dateTime(token.expiresAt) : t('never'),
                    })}
                  </p>
                </div>
                <Button size="sm" variant="danger" onClick={() => setRevoking(token)} aria-label={t('Revoke token {name}', { name: token.name })}>
                  {t('Revoke')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('Revoke this token?')}
        message={t('Scripts using {name} stop working at once. This cannot be undone.', { name: revoking?.name ?? '' })}
        confirmLabel={t('Revoke')}
        loading={revoke.isPending}
        loadingText={t('Revoking…')}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      />
    </div>
  );
}
