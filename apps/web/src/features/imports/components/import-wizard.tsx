import { IMPORT_MAX_BYTES, ImportRowErrorSchema, type ImportDryRun, type ImportFormat, type ImportResult, type ImportUserMap } from '@workdiary/shared';
import { useState } from 'react';
import { z } from 'zod';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { getErrorMessage, isApiError, type UploadProgress } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useImportPeople, usePreviewImport, useRunImport } from '../api/imports';
import { TOOLS, toolOf } from '../lib/tools';
import { ImportPreview } from './import-preview';
import { ImportProgress } from './import-progress';

type Step = 'tool' | 'upload' | 'preview' | 'done';

const InvalidDetails = z.object({ errors: z.array(ImportRowErrorSchema) });

/** Choose the tool → upload its file → preview (map people) → import → result. */
export function ImportWizard() {
  const t = useT();
  const [step, setStep] = useState<Step>('tool');
  const [format, setFormat] = useState<ImportFormat>('toggl');
  const [file, setFile] = useState<File | null>(null);
  const [userMap, setUserMap] = useState<ImportUserMap>({});
  const [preview, setPreview] = useState<ImportDryRun | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const check = usePreviewImport();
  const run = useRunImport();
  const people = useImportPeople();
  const tool = toolOf(format);

  const runCheck = (map: ImportUserMap) => {
    if (!file) return;
    setUpload(null);
    check.mutate({ format, file, userMap: map, onProgress: setUpload }, { onSuccess: (p) => { setPreview(p); setStep('preview'); } });
  };
  const onMap = (source: string, userId: string) => {
    const next = { ...userMap, [source]: userId };
    setUserMap(next);
    runCheck(next);
  };
  const onImport = () => {
    if (!file) return;
    setUpload(null);
    run.mutate({ format, file, userMap, onProgress: setUpload }, {
      onSuccess: (r) => { setResult(r); setStep('done'); },
      onError: (error) => {
        const details = isApiError(error, 'IMPORT_INVALID') ? InvalidDetails.safeParse(error.details) : null;
        if (details?.success && preview) setPreview({ ...preview, errors: details.data.errors });
      },
    });
  };
  const restart = () => {
    setStep('tool'); setFile(null); setUserMap({}); setPreview(null); setResult(null); check.reset(); run.reset();
  };

  return (
    <Card title={t('Import from another time tracker')} className="settings-card import-wizard">
      <ol className="import-steps" aria-label={t('Steps')}>
        {(['tool', 'upload', 'preview', 'done'] as const).map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'is-current' : undefined}>
            {i + 1}. {[t('Tool'), t('File'), t('Preview'), t('Result')][i]}
          </li>
        ))}
      </ol>

      {step === 'tool' ? (
        <fieldset className="import-tools">
          <legend>{t('Which tool does the file come from?')}</legend>
          {TOOLS.map((x) => (
            <label key={x.format} className="import-tool">
              <input type="radio" name="import-tool" value={x.format} checked={format === x.format} onChange={() => setFormat(x.format)} />
              <span><strong>{x.name}</strong><span className="muted">{x.howTo()}</span></span>
            </label>
          ))}
          <div className="import-actions"><Button variant="primary" onClick={() => setStep('upload')}>{t('Next')}</Button></div>
        </fieldset>
      ) : null}

      {step === 'upload' ? (
        <div className="import-upload">
          <p className="muted">{tool.howTo()}</p>
          <label className="field">
            <span className="field__label">{t('Export file from {tool}', { tool: tool.name })}</span>
            <input
              type="file"
              accept={tool.accept}
              onChange={(e) => {
                const chosen = e.target.files?.[0] ?? null;
                setFileError(chosen && chosen.size > IMPORT_MAX_BYTES ? t('The file is larger than {mb} MB. Export a shorter period.', { mb: IMPORT_MAX_BYTES / 1024 / 1024 }) : null);
                setFile(chosen);
              }}
            />
          </label>
          {fileError ? <p role="alert" className="field__error">{fileError}</p> : null}
          {check.isPending ? <ImportProgress progress={upload} working={t('Checking rows…')} /> : null}
          {check.isError ? <ErrorState error={check.error} title={t('Could not read the file')} /> : null}
          <div className="import-actions">
            <Button onClick={() => setStep('tool')}>{t('Back')}</Button>
            <Button variant="primary" disabled={!file || fileError !== null} loading={check.isPending} loadingText={t('Reading the file…')} onClick={() => runCheck(userMap)}>
              {t('Check file')}
            </Button>
          </div>
        </div>
      ) : null}

      {step === 'preview' && preview ? (
        <div aria-busy={check.isPending}>
          <ImportPreview preview={preview} people={people.data} userMap={userMap} onMap={onMap} />
          {run.isPending ? <ImportProgress progress={upload} working={t('Importing…')} /> : null}
          {check.isPending ? <ImportProgress progress={upload} working={t('Checking rows…')} /> : null}
          {run.isError && !isApiError(run.error, 'IMPORT_INVALID') ? <p role="alert" className="field__error">{getErrorMessage(run.error)}</p> : null}
          <div className="import-actions">
            <Button onClick={() => { setStep('upload'); setPreview(null); }}>{t('Back')}</Button>
            <Button
              variant="primary"
              disabled={preview.errors.length > 0 || preview.entries.toCreate === 0 || check.isPending}
              loading={run.isPending}
              loadingText={t('Importing…')}
              onClick={onImport}
            >
              {t('Import {count} entries', { count: preview.entries.toCreate })}
            </Button>
          </div>
          {preview.errors.length === 0 && preview.entries.toCreate === 0 ? <p className="muted">{t('Nothing new to import: every row is already there.')}</p> : null}
        </div>
      ) : null}

      {step === 'done' && result ? (
        <div className="import-result" role="status">
          <p><strong>{t('Imported {entries} entries.', { entries: result.created.entries })}</strong></p>
          <p>{t('New customers: {customers} · new categories: {categories} · already there, skipped: {duplicates}', {
            customers: result.created.customers, categories: result.created.categories, duplicates: result.skipped.duplicates,
          })}</p>
          <div className="import-actions"><Button variant="primary" onClick={restart}>{t('Import another file')}</Button></div>
        </div>
      ) : null}
    </Card>
  );
}
