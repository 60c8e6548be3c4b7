import { PasswordSchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/text-field';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSetPassword } from '../api/setup';
import { AuthCard } from '../../../components/auth-card';
import { translate as t } from '../../../lib/i18n/i18n';

/** Opened from a one-time link an administrator passed on: choose a password, then you are signed in. */
export function SetPasswordPage() {
  useDocumentTitle(t('Set your password'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const setPassword = useSetPassword();
  const [password, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const linkBroken = token.length < 20 || isApiError(setPassword.error, 404);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setPassword.isPending) return;
    const parsed = PasswordSchema.safeParse(password);
    const next: typeof errors = {};
    if (!parsed.success) next.password = parsed.error.issues[0]?.message;
    else if (password !== confirm) next.confirm = t('The two passwords differ');
    setErrors(next);
    if (next.password || next.confirm) return;
    setPassword.mutate({ token, password }, { onSuccess: () => void navigate('/', { replace: true }) });
  };

  return (
    <AuthCard>
      <h1 className="auth-card__title">{t('Set your password')}</h1>
      {linkBroken ? (
        <>
          <div className="form-alert" role="alert">
            {setPassword.error ? getErrorMessage(setPassword.error) : t('This link is incomplete. Open the whole link you were given.')}
          </div>
          <p className="auth-card__subtitle">{t('Ask your administrator for a new link (Users → Edit → Create a set-password link).')}</p>
          <Link to="/login" className="btn btn--secondary btn--block">{t('Go to sign in')}</Link>
        </>
      ) : (
        <>
          <p className="auth-card__subtitle">{t('Choose the password you will sign in with. The link works once.')}</p>
          {setPassword.error ? <div className="form-alert" role="alert">{getErrorMessage(setPassword.error)}</div> : null}
          <form className="stack" noValidate onSubmit={submit}>
            <TextField label={t('New password')} type="password" autoComplete="new-password" autoFocus required value={password} onChange={(e) => setPw(e.target.value)} error={errors.password} hint={t('At least 8 characters.')} />
            <TextField label={t('Repeat password')} type="password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.confirm} />
            <Button type="submit" variant="primary" block loading={setPassword.isPending} loadingText={t('Saving…')}>{t('Set password and sign in')}</Button>
          </form>
        </>
      )}
    </AuthCard>
  );
}
