import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/text-field';
import { getErrorMessage } from '../../../lib/api-client';
import { safeNextPath } from '../../../lib/login-url';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { EmailField } from '../components/email-field';
import { useLoginForm } from '../hooks/use-login-form';
import { AuthCard } from '../../../components/auth-card';
import { translate as t } from '../../../lib/i18n/i18n';

export function LoginPage() {
  useDocumentTitle(t('Sign in'));
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const { login, email, setEmail, password, setPassword, fieldErrors, onSubmit } = useLoginForm(next);

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
        <EmailField value={email} onChange={setEmail} error={fieldErrors.email} />
        <TextField
          label={t('Password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
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
