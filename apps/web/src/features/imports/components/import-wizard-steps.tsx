import type { ImportDryRun, ImportFormat, ImportResult } from '@workdiary/shared';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { getErrorMessage, isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import type { ImportStep, ImportWizardState } from '../hooks/use-import-wizard';
import { TOOLS } from '../lib/tools';
import { ImportPreview } from './import-preview';
import { ImportProgress } from './import-progress';

const STEPS = ['tool', 'upload', 'preview', 'done'] as const;

/** The four steps, the current one marked. */
export function ImportSteps({ step }: { step: ImportStep }) {
  const t = useT();
  return (
    <ol className="import-steps" aria-label={t('Steps')}>
      {STEPS.map((s, i) => (
        <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'is-current' : undefined}>
          {i + 1}. {[t('Tool'), t('File'), t('Preview'), t('Result')][i]}
        </li>
      ))}
    </ol>
  );
}

/** Step 1: which tracker the file comes from. */
export function ToolStep({ format, onFormat, onNext }: { format: ImportFormat; onFormat: (format: ImportFormat) => void; onNext: () => void }) {
  const t = useT();
  return (
    <fieldset className="import-tools">
      <legend>{t('Which tool does the file come from?')}</legend>
      {TOOLS.map((x) => (
        <label key={x.format} className="import-tool">
          <input type="radio" name="import-tool" value={x.format} checked={format === x.format} onChange={() => onFormat(x.format)} />
          <span><strong>{x.name}</strong><span className="muted">{x.howTo()}</span></span>
        </label>
      ))}
      <div className="import-actions"><Button variant="primary" onClick={onNext}>{t('Next')}</Button></div>
    </fieldset>
  );
}

/** Step 2: the export file, checked on the server (a dry run). */
export function UploadStep({ wizard }: { wizard: ImportWizardState }) {
  const t = useT();
  const { tool, check, upload, file, fileError } = wizard;
  return (
    <div className="import-upload">
      <p className="muted">{tool.howTo()}</p>
      <label className="field">
        <span className="field__label">{t('Export file from {tool}', { tool: tool.name })}</span>
        <input type="file" accept={tool.accept} onChange={(e) => wizard.chooseFile(e.target.files?.[0] ?? null)} />
      </label>
      {fileError ? <p role="alert" className="field__error">{fileError}</p> : null}
      {check.isPending ? <ImportProgress progress={upload} working={t('Checking rows…')} /> : null}
      {check.isError ? <ErrorState error={check.error} title={t('Could not read the file')} /> : null}
      <div className="import-actions">
        <Button onClick={() => wizard.setStep('tool')}>{t('Back')}</Button>
        <Button variant="primary" disabled={!file || fileError !== null} loading={check.isPending} loadingText={t('Reading the file…')} onClick={() => wizard.runCheck(wizard.userMap)}>
          {t('Check file')}
        </Button>
      </div>
    </div>
  );
}

/** Step 3: the dry run (people mapped here check the file again), then the import. */
export function PreviewStep({ wizard, preview }: { wizard: ImportWizardState; preview: ImportDryRun }) {
  const t = useT();
  const { check, run, upload } = wizard;
  return (
    <div aria-busy={check.isPending}>
      <ImportPreview preview={preview} people={wizard.people.data} userMap={wizard.userMap} onMap={wizard.onMap} />
      {run.isPending ? <ImportProgress progress={upload} working={t('Importing…')} /> : null}
      {check.isPending ? <ImportProgress progress={upload} working={t('Checking rows…')} /> : null}
      {run.isError && !isApiError(run.error, 'IMPORT_INVALID') ? <p role="alert" className="field__error">{getErrorMessage(run.error)}</p> : null}
      <div className="import-actions">
        <Button onClick={wizard.backToUpload}>{t('Back')}</Button>
        <Button
          variant="primary"
          disabled={preview.errors.length > 0 || preview.entries.toCreate === 0 || check.isPending}
          loading={run.isPending}
          loadingText={t('Importing…')}
          onClick={wizard.onImport}
        >
          {t('Import {count} entries', { count: preview.entries.toCreate })}
        </Button>
      </div>
      {preview.errors.length === 0 && preview.entries.toCreate === 0 ? <p className="muted">{t('Nothing new to import: every row is already there.')}</p> : null}
    </div>
  );
}

/** Step 4: what the import created and skipped. */
export function ResultStep({ result, onRestart }: { result: ImportResult; onRestart: () => void }) {
  const t = useT();
  return (
    <div className="import-result" role="status">
      <p><strong>{t('Imported {entries} entries.', { entries: result.created.entries })}</strong></p>
      <p>{t('New customers: {customers} · new categories: {categories} · already there, skipped: {duplicates}', {
        customers: result.created.customers, categories: result.created.categories, duplicates: result.skipped.duplicates,
      })}</p>
      <div className="import-actions"><Button variant="primary" onClick={onRestart}>{t('Import another file')}</Button></div>
    </div>
  );
}
