import { type SetupImportResult } from '@workdiary/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { FullPageSpinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useSetupStatus } from '../api/setup';
import '../components/setup.css';
import { SetupImport, SetupImportDone } from '../components/setup-import';
import { AdminFields, OrganizationFields } from '../components/setup-fields';
import { useSetupForm } from '../hooks/use-setup-form';
import { AuthCard } from '../../../components/auth-card';
import { translate as t } from '../../../lib/i18n/i18n';

/** First-run setup: shown on an empty database; creates the organisation and its first admin. */
export function SetupPage() {
  useDocumentTitle(t('Set up Workdiary'));
  const status = useSetupStatus();
  const { setup, values, errors, set, setLocale, submit } = useSetupForm();
  const [imported, setImported] = useState<SetupImportResult | null>(null);

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

  return (
    <AuthCard className="setup-card">
      {done ? (
        <SetupDone />
      ) : (
        <>
          <h1 className="auth-card__title">{t('Set up Workdiary')}</h1>
          <p className="auth-card__subtitle">{t('Create your organisation and its first administrator. This page is shown only once.')}</p>
          {errors.form ? <div className="form-alert" role="alert">{errors.form}</div> : null}
          <form className="stack" noValidate onSubmit={submit}>
            <OrganizationFields values={values} errors={errors} set={set} setLocale={setLocale} />
            <AdminFields values={values} errors={errors} set={set} />
            <Button type="submit" variant="primary" block loading={setup.isPending} loadingText={t('Setting up…')}>{t('Create organisation')}</Button>
          </form>
          <SetupImport onImported={setImported} />
        </>
      )}
    </AuthCard>
  );
}

/** Setup has run (here or elsewhere): on to sign in. */
function SetupDone() {
  return (
    <>
      <h1 className="auth-card__title">{t('Workdiary is set up')}</h1>
      <p className="auth-card__subtitle">
        {t('The organisation and its first administrator exist. Sign in, or ask an administrator for an account.')}
      </p>
      <Link to="/login" className="btn btn--primary btn--block">{t('Go to sign in')}</Link>
    </>
  );
}
