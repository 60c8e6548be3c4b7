import { NameSchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage } from '../../../lib/api-client';
import { roleLabel, useCurrentUser } from '../../../lib/current-user';
import { useOwnRules, useUpdateMyName } from '../api/profile';
import { ChangePasswordForm } from '../components/change-password-form';
import { MySessions } from '../components/my-sessions';
import { OwnRules } from '../components/own-rules';
import '../components/profile.css';

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
    if (!parsed.success) return setNameError(parsed.error.issues[0]?.message ?? 'Name is required');
    setNameError(null);
    rename.mutate({ name: parsed.data }, {
      onSuccess: (saved) => {
        setName(saved.name);
        toast.success('Your name was saved.');
      },
      onError: (error) => setNameError(getErrorMessage(error)),
    });
  };

  return (
    <>
      <PageHeader title="Profile" subtitle={`Your account at ${me.organization.name}.`} />
      <div className="profile-grid">
        <div className="profile-stack">
          <Card title="Account">
            <div className="stack">
              <form className="profile-name-row" noValidate onSubmit={saveName}>
                <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={nameError} autoComplete="name" />
                <Button type="submit" loading={rename.isPending} loadingText="Saving…" disabled={name.trim() === me.name}>Save</Button>
              </form>
              <dl className="profile-facts">
                <div><dt>Email (your login)</dt><dd>{me.email}</dd></div>
                <div><dt>Role</dt><dd><Badge tone={me.role === 'ADMIN' ? 'info' : 'neutral'}>{roleLabel(me.role)}</Badge></dd></div>
                <div><dt>Organisation</dt><dd>{me.organization.name}</dd></div>
                <div><dt>Time zone</dt><dd>{me.organization.timeZone}</dd></div>
              </dl>
              <p className="muted" style={{ margin: 0 }}>An administrator changes your email, role and pay.</p>
            </div>
          </Card>
          <ChangePasswordForm />
          <Card title="Signed-in devices">
            <MySessions />
          </Card>
        </div>
        <Card title="My work rules">
          {rules.isPending ? (
            <Spinner label="Loading your work rules…" />
          ) : rules.isError ? (
            <ErrorState error={rules.error} title="Could not load your work rules" onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
          ) : (
            <OwnRules rules={rules.data} />
          )}
        </Card>
      </div>
    </>
  );
}
