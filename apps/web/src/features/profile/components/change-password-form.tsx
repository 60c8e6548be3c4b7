import { ChangePasswordBodySchema } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useChangePassword } from '../api/profile';
import { translate as t } from '../../../lib/i18n/i18n';

type Field = 'currentPassword' | 'newPassword' | 'confirm';
type Errors = Partial<Record<Field | 'form', string>>;

/** Current password, new password twice. Other sessions of this user end when it is saved. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const set = (field: Field, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    const next: Errors = {};
    const parsed = ChangePasswordBodySchema.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        next[field] ??= issue.message;
      }
    }
    if (!next.newPassword && values.newPassword !== values.confirm) next.confirm = t('The two new passwords differ');
    if (!next.newPassword && values.newPassword === values.currentPassword && values.newPassword) next.newPassword = t('Choose a password different from the current one');
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    change.mutate(parsed.data, {
      onSuccess: () => {
        setValues({ currentPassword: '', newPassword: '', confirm: '' });
        toast.success(t('Password changed. Your other sessions were signed out.'));
      },
      onError: (error) => {
        if (isApiError(error, 'WRONG_PASSWORD')) setErrors({ currentPassword: getErrorMessage(error) });
        else setErrors({ form: getErrorMessage(error) });
      },
    });
  };

  return (
    <Card title={t('Change password')}>
      <form className="stack" noValidate onSubmit={submit} aria-label={t('Change password')}>
        {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
        <TextField label={t('Current password')} type="password" autoComplete="current-password" required value={values.currentPassword} onChange={(e) => set('currentPassword', e.target.value)} error={errors.currentPassword} />
        <div className="form-grid">
          <TextField label={t('New password')} type="password" autoComplete="new-password" required value={values.newPassword} onChange={(e) => set('newPassword', e.target.value)} error={errors.newPassword} hint={t('At least 8 characters.')} />
          <TextField label={t('Repeat new password')} type="password" autoComplete="new-password" required value={values.confirm} onChange={(e) => set('confirm', e.target.value)} error={errors.confirm} />
        </div>
        <p className="muted" style={{ margin: 0 }}>{t('Saving signs you out everywhere else (other browsers and devices); you stay signed in here.')}</p>
        <div>
          <Button type="submit" variant="primary" loading={change.isPending} loadingText={t('Changing…')}>{t('Change password')}</Button>
        </div>
      </form>
    </Card>
  );
}
