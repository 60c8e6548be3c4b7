import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { useT } from '../../../lib/i18n/i18n';
import { useMyApiTokens } from '../api/integrations';
import { useApiTokenActions } from '../hooks/use-api-token-actions';
import { TokenList } from './api-token-list';
import { SecretValue } from './secret-value';

/** Expiry choices, in days ('' = never). */
const EXPIRY_DAYS = ['30', '90', '365', ''] as const;

/**
 * Personal API tokens for scripts (issue 28): create one with a name and an expiry, see it once
 * with a Copy button, the list with last use, revoke with a confirmation.
 */
export function ApiTokens() {
  const t = useT();
  const tokens = useMyApiTokens();
  const { create, revoke, name, setName, expiry, setExpiry, nameError, created, setCreated, revoking, setRevoking, submit, confirmRevoke } = useApiTokenActions();

  const expiryLabel = (days: string) => (days === '' ? t('Never') : t('In {days} days', { days }));

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
        <TokenList tokens={tokens.data.items} onRevoke={setRevoking} />
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
