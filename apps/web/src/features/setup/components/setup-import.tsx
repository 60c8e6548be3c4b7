import type { SetupImportResult } from '@workdiary/shared';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/button';
import { getErrorMessage } from '../../../lib/api-client';
import { copyText } from '../../../lib/clipboard';
import { translate as t } from '../../../lib/i18n/i18n';
import { useImportOrganization } from '../api/setup';

const ROLE_LABEL: Record<string, string> = { ADMIN: 'Admin', MANAGER: 'Manager', MEMBER: 'Member' };

/** Instead of setting up a new organisation: load one exported from another Workdiary server. */
export function SetupImport({ onImported }: { onImported: (result: SetupImportResult) => void }) {
  const importOrganization = useImportOrganization();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (importOrganization.isPending) return;
    if (!file) {
      setError(t('Choose the organisation export (.zip) first.'));
      return;
    }
    setError(null);
    importOrganization.mutate(file, { onSuccess: onImported, onError: (e) => setError(getErrorMessage(e)) });
  };

  return (
    <details className="setup-import">
      <summary>{t('Moving from another Workdiary server? Import its organisation export')}</summary>
      <form className="stack" noValidate onSubmit={submit}>
        <p className="muted">{t('On the old server an admin downloads it under Organisation settings → Export everything. Everything is loaded with its history; passwords are not part of it, so you get a link per person to set one.')}</p>
        <label htmlFor={inputId} className="field__label">{t('Organisation export (.zip)')}</label>
        <input id={inputId} type="file" accept=".zip,application/zip" aria-invalid={error ? true : undefined}
          onChange={(e) => { setFile(e.target.files?.[0] ?? null); setError(null); }} />
        {error ? <div className="form-alert" role="alert">{error}</div> : null}
        <Button type="submit" loading={importOrganization.isPending} loadingText={t('Importing…')}>{t('Import organisation')}</Button>
      </form>
    </details>
  );
}

/** What the import loaded, and the one-time links to pass on (shown once: they are not kept readable). */
export function SetupImportDone({ result }: { result: SetupImportResult }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (url: string, input: HTMLInputElement | null) => {
    void copyText(url, input).then((ok) => setCopied(ok ? url : null));
  };
  const entries = result.rows['entries.csv'] ?? 0;
  return (
    <>
      <h1 className="auth-card__title">{t('{name} is imported', { name: result.organization.name })}</h1>
      <p className="auth-card__subtitle">
        {t('{entries, plural, one {# entry} other {# entries}} and everything else of the organisation are loaded. Nobody has a password here yet: each person sets one with their link below (valid 7 days, once). Copy them now; this page does not show them again.', { entries })}
      </p>
      <ul className="setup-import__links" aria-label={t('Set-password links')}>
        {result.links.map((link) => (
          <li key={link.url}>
            <div><strong>{link.name}</strong> <span className="muted">{link.email} · {t(ROLE_LABEL[link.role] ?? link.role)}</span></div>
            <div className="setup-import__link">
              <input readOnly value={link.url} aria-label={t('Set-password link for {name}', { name: link.name })} onFocus={(e) => e.currentTarget.select()} />
              <Button size="sm" onClick={(e) => copy(link.url, e.currentTarget.parentElement?.querySelector('input') ?? null)}>{copied === link.url ? t('Copied') : t('Copy')}</Button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
