import { SetupBodySchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { CurrencyField } from '../../../components/pickers/currency-field';
import { TimeZoneField } from '../../../components/pickers/time-zone-field';
import { FullPageSpinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useRunSetup, useSetupStatus } from '../api/setup';
import '../components/setup.css';
import { AuthCard } from '../../../components/auth-card';

type Values = { orgName: string; timeZone: string; currency: string; name: string; email: string; password: string; confirm: string };
type Errors = Partial<Record<keyof Values | 'form', string>>;

const FIELD_OF_PATH: Record<string, keyof Values> = {
  'organization.name': 'orgName', 'organization.timeZone': 'timeZone', 'organization.currency': 'currency',
  'admin.name': 'name', 'admin.email': 'email', 'admin.password': 'password',
};

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** First-run setup: shown on an empty database; creates the organisation and its first admin. */
export function SetupPage() {
  useDocumentTitle('Set up Workdiary');
  const status = useSetupStatus();
  const navigate = useNavigate();
  const setup = useRunSetup();
  const [values, setValues] = useState<Values>({ orgName: '', timeZone: browserZone(), currency: 'EUR', name: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  if (status.isPending) return <FullPageSpinner label="Checking whether Workdiary is set up…" />;
  if (status.isError) {
    return (
      <AuthCard brand={false}>
        <ErrorState error={status.error} title="Could not reach Workdiary" onRetry={() => void status.refetch()} retrying={status.isFetching} />
      </AuthCard>
    );
  }
  const done = !status.data.needed || isApiError(setup.error, 'SETUP_ALREADY_DONE');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setup.isPending) return;
    const body = {
      organization: { name: values.orgName, timeZone: values.timeZone.trim(), currency: values.currency },
      admin: { name: values.name, email: values.email, password: values.password },
    };
    const parsed = SetupBodySchema.safeParse(body);
    const next: Errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = FIELD_OF_PATH[issue.path.join('.')] ?? 'form';
        next[key] ??= issue.message;
      }
    }
    if (!next.password && values.password !== values.confirm) next.confirm = 'The two passwords differ';
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    setup.mutate(body, {
      onSuccess: () => void navigate('/', { replace: true }),
      onError: (error) => {
        if (!isApiError(error, 'SETUP_ALREADY_DONE')) setErrors({ form: getErrorMessage(error) });
      },
    });
  };

  return (
    <AuthCard className="setup-card">
      {done ? (
        <>
          <h1 className="auth-card__title">Workdiary is set up</h1>
          <p className="auth-card__subtitle">
            The organisation and its first administrator exist. Sign in, or ask an administrator for an account.
          </p>
          <Link to="/login" className="btn btn--primary btn--block">Go to sign in</Link>
        </>
      ) : (
        <>
          <h1 className="auth-card__title">Set up Workdiary</h1>
          <p className="auth-card__subtitle">Create your organisation and its first administrator. This page is shown only once.</p>
          {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
          <form className="stack" noValidate onSubmit={submit}>
            <fieldset className="setup-section">
              <legend className="setup-section__title">Organisation</legend>
              <TextField label="Organisation name" required autoFocus value={values.orgName} onChange={(e) => set('orgName')(e.target.value)} error={errors.orgName} />
              <TimeZoneField value={values.timeZone} onChange={set('timeZone')} required error={errors.timeZone} hint="Days and months are cut in this zone." />
              <CurrencyField value={values.currency} onChange={set('currency')} error={errors.currency} hint="Pay and salaries are shown in it." />
            </fieldset>
            <fieldset className="setup-section">
              <legend className="setup-section__title">First administrator</legend>
              <TextField label="Your name" required autoComplete="name" value={values.name} onChange={(e) => set('name')(e.target.value)} error={errors.name} />
              <TextField label="Email" type="email" required autoComplete="username" value={values.email} onChange={(e) => set('email')(e.target.value)} error={errors.email} hint="Your login." />
              <TextField label="Password" type="password" required autoComplete="new-password" value={values.password} onChange={(e) => set('password')(e.target.value)} error={errors.password} hint="At least 8 characters." />
              <TextField label="Repeat password" type="password" required autoComplete="new-password" value={values.confirm} onChange={(e) => set('confirm')(e.target.value)} error={errors.confirm} />
            </fieldset>
            <Button type="submit" variant="primary" block loading={setup.isPending} loadingText="Setting up…">Create organisation</Button>
          </form>
        </>
      )}
    </AuthCard>
  );
}
