import { PasswordSchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/text-field';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useConfirmPasswordReset } from '../api/password-reset';

const DEAD_LINK = ['RESET_LINK_INVALID', 'RESET_LINK_USED', 'RESET_LINK_EXPIRED'] as const;

/** Opened from the password-reset mail: choose a new password; every other session ends and you are signed in. */
export function ResetPasswordPage() {
  useDocumentTitle(t('Choose a new password'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const linkDead = token.length < 20 || DEAD_LINK.some((code) => isApiError(confirm.error, code));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirm.isPending) return;
    const parsed = PasswordSchema.safeParse(password);
    const next: typeof errors = {};
    if (!parsed.success) next.password = parsed.error.issues[0]?.message;
    else if (password !== repeat) next.repeat = t('The two passwords differ');
    setErrors(next);
    if (next.password || next.repeat) return;
    confirm.mutate({ token, password }, { onSuccess: () => void navigate('/', { replace: true }) });
  };

  return (
    <AuthCard>
      <h1 className="auth-card__title">{t('Choose a new password')}</h1>
      {linkDead ? (
        <div className="stack">
          <div className="form-alert" role="alert">
            {confirm.error ? getErrorMessage(confirm.error) : t('This link is incomplete. Open the whole link from the mail.')}
          </div>
          <Link to="/forgot-password" className="btn btn--primary btn--block">{t('Ask for a new link')}</Link>
          <Link to="/login" className="auth-card__link">{t('Back to sign in')}</Link>
        </div>
      ) : (
        <>
          <p className="auth-card__subtitle">{t('The link works once. Setting a new password signs you out on every other device.')}</p>
          {confirm.error ? <div className="form-alert" role="alert">{getErrorMessage(confirm.error)}</div> : null}
          <form className="stack" noValidate onSubmit={submit}>
            <TextField label={t('New password')} type="password" autoComplete="new-password" autoFocus required value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} hint={t('At least 8 characters.')} />
            <TextField label={t('Repeat password')} type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} error={errors.repeat} />
            <Button type="submit" variant="primary" block loading={confirm.isPending} loadingText={t('Saving…')}>{t('Set password and sign in')}</Button>
          </form>
        </>
      )}
    </AuthCard>
  );
}
