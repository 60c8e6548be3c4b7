import { PasswordResetRequestBodySchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Button } from '../../../components/button';
import { getErrorMessage } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useRequestPasswordReset } from '../api/password-reset';
import { EmailField } from '../components/email-field';

/** "Forgot password?": asks for a one-time link by mail; the answer is the same for every address. */
export function ForgotPasswordPage() {
  useDocumentTitle(t('Forgot password'));
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [error, setError] = useState<string | undefined>();
  const request = useRequestPasswordReset();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (request.isPending) return;
    const parsed = PasswordResetRequestBodySchema.safeParse({ email });
    if (!parsed.success) {
      setError(t('Email is required'));
      return;
    }
    setError(undefined);
    request.mutate(parsed.data);
  };

  if (request.data) {
    return (
      <AuthCard>
        <h1 className="auth-card__title">{t('Forgot password')}</h1>
        <div className="stack">
        {request.data.mailEnabled ? (
          <div className="form-notice" role="status">
            {t('If an account uses {email}, a link to choose a new password is on its way. It works once, for one hour.', { email: email.trim() })}
          </div>
        ) : (
          <div className="form-notice" role="status">
            {t('This server sends no mail, so no link was sent. Ask your administrator for a set-password link (Users → Edit).')}
          </div>
        )}
        <Link to="/login" className="btn btn--secondary btn--block">{t('Go to sign in')}</Link>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard>
      <h1 className="auth-card__title">{t('Forgot password')}</h1>
      <p className="auth-card__subtitle">{t('Enter the email you sign in with. We will mail you a link to choose a new password.')}</p>
      {request.error ? <div className="form-alert" role="alert">{getErrorMessage(request.error)}</div> : null}
      <form className="stack" noValidate onSubmit={submit}>
        <EmailField value={email} onChange={setEmail} error={error} />
        <Button type="submit" variant="primary" block loading={request.isPending} loadingText={t('Sending…')}>{t('Send link')}</Button>
      </form>
      <Link to="/login" className="auth-card__link">{t('Back to sign in')}</Link>
    </AuthCard>
  );
}
