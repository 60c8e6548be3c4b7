import { SetupBodySchema, type Locale, type SetupImportResult } from '@workdiary/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { CurrencyField } from '../../../components/pickers/currency-field';
import { LocaleField } from '../../../components/pickers/locale-field';
import { activeLocale, useLocaleStore } from '../../../lib/i18n/locale-store';
import { TimeZoneField } from '../../../components/pickers/time-zone-field';
import { FullPageSpinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useRunSetup, useSetupStatus } from '../api/setup';
import '../components/setup.css';
import { SetupImport, SetupImportDone } from '../components/setup-import';
import { AuthCard } from '../../../components/auth-card';
import { translate as t } from '../../../lib/i18n/i18n';

type Values = { orgName: string; timeZone: string; currency: string; locale: Locale; name: string; email: string; password: string; confirm: string };
type Errors = Partial<Record<keyof Values | 'form', string>>;

const FIELD_OF_PATH: Record<string, keyof Values> = {
  'organization.name': 'orgName', 'organization.timeZone': 'timeZone', 'organization.currency': 'currency', 'organization.locale': 'locale',
  'admin.name': 'name', 'admin.email': 'email', 'admin.password': 'password',
};

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** First-run setup: shown on an empty database; creates the organisation and its first admin. */
export function SetupPage() {
  useDocumentTitle(t('Set up Workdiary'));
  const status = useSetupStatus();
  const navigate = useNavigate();
  const setup = useRunSetup();
  const [values, setValues] = useState<Values>({ orgName: '', timeZone: browserZone(), currency: 'EUR', locale: activeLocale(), name: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [imported, setImported] = useState<SetupImportResult | null>(null);
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  if (imported) return <AuthCard className="setup-card"><SetupImportDone result={imported} /></AuthCard>;
  if (status.isPending) return <FullPageSpinner label={t('Checking whether Workdiary is set up…')} />;
  if (status.isError) {
    return (
      <AuthCard brand={false}>
        <ErrorState error={status.error} title={t('Could not reach Workdiary')} onRetry={() => void status.refetch()} retrying={status.isFetching} />
      </AuthCard>
    );
  }
  const done = !status.data.needed || isApiError(setup.error, 'SETUP_ALREADY_DONE');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setup.isPending) return;
    const body = {
      organization: { name: values.orgName, timeZone: values.timeZone.trim(), currency: values.currency, locale: values.locale },
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

  return (
    <AuthCard className="setup-card">
      {done ? (
        <>
          <h1 className="auth-card__title">{t('Workdiary is set up')}</h1>
          <p className="auth-card__subtitle">
            {t('The organisation and its first administrator exist. Sign in, or ask an administrator for an account.')}
          </p>
          <Link to="/login" className="btn btn--primary btn--block">{t('Go to sign in')}</Link>
        </>
      ) : (
        <>
          <h1 className="auth-card__title">{t('Set up Workdiary')}</h1>
          <p className="auth-card__subtitle">{t('Create your organisation and its first administrator. This page is shown only once.')}</p>
          {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
          <form className="stack" noValidate onSubmit={submit}>
            <fieldset className="setup-section">
              <legend className="setup-section__title">{t('Organisation')}</legend>
              <TextField label={t('Organisation name')} required autoFocus value={values.orgName} onChange={(e) => set('orgName')(e.target.value)} error={errors.orgName} />
              <TimeZoneField value={values.timeZone} onChange={set('timeZone')} required error={errors.timeZone} hint={t('Days and months are cut in this zone.')} />
              <CurrencyField value={values.currency} onChange={set('currency')} error={errors.currency} hint={t('Pay and salaries are shown in it.')} />
              <LocaleField
                value={values.locale}
                onChange={(locale) => { if (locale) setValues((v) => ({ ...v, locale })); if (locale) useLocaleStore.getState().setLocale(locale); }}
                error={errors.locale}
              />
            </fieldset>
            <fieldset className="setup-section">
              <legend className="setup-section__title">{t('First administrator')}</legend>
              <TextField label={t('Your name')} required autoComplete="name" value={values.name} onChange={(e) => set('name')(e.target.value)} error={errors.name} />
              <TextField label={t('Email')} type="email" required autoComplete="username" value={values.email} onChange={(e) => set('email')(e.target.value)} error={errors.email} hint={t('Your login.')} />
              <TextField label={t('Password')} type="password" required autoComplete="new-password" value={values.password} onChange={(e) => set('password')(e.target.value)} error={errors.password} hint={t('At least 8 characters.')} />
              <TextField label={t('Repeat password')} type="password" required autoComplete="new-password" value={values.confirm} onChange={(e) => set('confirm')(e.target.value)} error={errors.confirm} />
            </fieldset>
            <Button type="submit" variant="primary" block loading={setup.isPending} loadingText={t('Setting up…')}>{t('Create organisation')}</Button>
          </form>
          <SetupImport onImported={setImported} />
        </>
      )}
    </AuthCard>
  );
}
