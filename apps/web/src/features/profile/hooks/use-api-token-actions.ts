import type { ApiToken, ApiTokenCreated } from '@workdiary/shared';
import { ApiTokenBodySchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { serverNow } from '../../../lib/server-clock';
import { useCreateApiToken, useRevokeApiToken } from '../api/integrations';

/**
 * Creating a token (its name, its expiry in days: '' = never, and the new token shown once) and
 * revoking one after a confirmation.
 */
export function useApiTokenActions() {
  const t = useT();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>('90');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

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

  return {
    create, revoke, name, setName, expiry, setExpiry, nameError, created, setCreated, revoking, setRevoking, submit, confirmRevoke,
  };
}
