import { SetupBodySchema, type Locale } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';
import { activeLocale, useLocaleStore } from '../../../lib/i18n/locale-store';
import { useRunSetup } from '../api/setup';

export type SetupValues = { orgName: string; timeZone: string; currency: string; locale: Locale; name: string; email: string; password: string; confirm: string };
export type SetupErrors = Partial<Record<keyof SetupValues | 'form', string>>;

const FIELD_OF_PATH: Record<string, keyof SetupValues> = {
  'organization.name': 'orgName', 'organization.timeZone': 'timeZone', 'organization.currency': 'currency', 'organization.locale': 'locale',
  'admin.name': 'name', 'admin.email': 'email', 'admin.password': 'password',
};

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The first-run form: the organisation and its first admin, checked here, then created (and signed in). */
export function useSetupForm() {
  const navigate = useNavigate();
  const setup = useRunSetup();
  const [values, setValues] = useState<SetupValues>({ orgName: '', timeZone: browserZone(), currency: 'EUR', locale: activeLocale(), name: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<SetupErrors>({});
  const set = (key: keyof SetupValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  /** The language also switches the page at once. */
  const setLocale = (locale: Locale | '') => {
    if (locale) setValues((v) => ({ ...v, locale }));
    if (locale) useLocaleStore.getState().setLocale(locale);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setup.isPending) return;
    const body = {
      organization: { name: values.orgName, timeZone: values.timeZone.trim(), currency: values.currency, locale: values.locale },
      admin: { name: values.name, email: values.email, password: values.password },
    };
    const parsed = SetupBodySchema.safeParse(body);
    const next: SetupErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = FIELD_OF_PATH[issue.path.join('.')] ?? 'form';
        next[key] ??= issue.message;
      }
    }
    if (!next.password && values.password !== values.confirm) next.confirm = t('The two passwords differ');
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    setup.mutate(body, {
      onSuccess: () => void navigate('/', { replace: true }),
      onError: (error) => {
        if (!isApiError(error, 'SETUP_ALREADY_DONE')) setErrors({ form: getErrorMessage(error) });
      },
    });
  };

  return { setup, values, errors, set, setLocale, submit };
}
