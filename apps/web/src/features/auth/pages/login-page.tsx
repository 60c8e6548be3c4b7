import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/text-field';
import { getErrorMessage } from '../../../lib/api-client';
import { safeNextPath } from '../../../lib/login-url';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { loadLoginSchemas, useLogin } from '../api/login';
import { AuthCard } from '../../../components/auth-card';
import { translate as t } from '../../../lib/i18n/i18n';

type FieldErrors = { email?: string; password?: string };

export function LoginPage() {
  useDocumentTitle(t('Sign in'));
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Empty fields are said at once; the rest of the shared LoginBodySchema's rules need its chunk
    // (zod is not part of the first load), usually loaded by then: it starts with the first keystroke.
    const empty: FieldErrors = {
      ...(email.trim() === '' ? { email: 'Email is required' } : {}),
      ...(password === '' ? { password: 'Password is required' } : {}),
    };
    if (empty.email || empty.password) {
      setFieldErrors(empty);
      return;
    }
    const { LoginBodySchema } = await loadLoginSchemas();
    const parsed = LoginBodySchema.safeParse({ email, password });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'email' || field === 'password') && !errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  return (
    <AuthCard>
      <h1 className="auth-card__title">{t('Sign in')}</h1>
      <p className="auth-card__subtitle">{t('Track time for your customers.')}</p>
      {searchParams.get('expired') === '1' && !login.error ? (
        <div className="form-notice" role="status">
          {t('Your session has ended. Sign in again to carry on where you were: what you were typing is kept on this device.')}
        </div>
      ) : null}
      {login.error ? (
        <div className="form-alert" role="alert">
          {getErrorMessage(login.error)}
        </div>
      ) : null}
      <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          label={t('Email')}
          type="email"
          name="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            void loadLoginSchemas().catch(() => {});
          }}
          error={fieldErrors.email}
        />
        <TextField
          label={t('Password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
            void loadLoginSchemas().catch(() => {});
          }}
          error={fieldErrors.password}
        />
        <Button type="submit" variant="primary" block loading={login.isPending} loadingText={t('Signing in…')}>
          {t('Sign in')}
        </Button>
      </form>
      <Link to={email.trim() ? `/forgot-password?email=${encodeURIComponent(email.trim())}` : '/forgot-password'} className="auth-card__link">
        {t('Forgot password?')}
      </Link>
    </AuthCard>
  );
}
