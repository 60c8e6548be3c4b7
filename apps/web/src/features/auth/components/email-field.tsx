import { TextField } from '../../../components/text-field';
import { translate as t } from '../../../lib/i18n/i18n';

/** The email a user signs in with, focused on arrival (sign-in and "Forgot password?"). */
export function EmailField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: string | undefined }) {
  return (
    <TextField
      label={t('Email')}
      type="email"
      name="email"
      autoComplete="username"
      autoFocus
      required
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  );
}
