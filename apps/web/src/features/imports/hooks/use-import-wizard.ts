import { IMPORT_MAX_BYTES, ImportRowErrorSchema, type ImportDryRun, type ImportFormat, type ImportResult, type ImportUserMap } from '@workdiary/shared';
import { useState } from 'react';
import { z } from 'zod';
import { isApiError, type UploadProgress } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';
import { useImportPeople, usePreviewImport, useRunImport } from '../api/imports';
import { toolOf } from '../lib/tools';

export type ImportStep = 'tool' | 'upload' | 'preview' | 'done';

const InvalidDetails = z.object({ errors: z.array(ImportRowErrorSchema) });

/**
 * The import wizard's state: the step, the chosen tool and file, the people map, the dry run
 * (checked again on every mapping), the upload's progress and the import's result.
 */
export function useImportWizard() {
  const t = useT();
  const [step, setStep] = useState<ImportStep>('tool');
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

  const chooseFile = (chosen: File | null) => {
    setFileError(chosen && chosen.size > IMPORT_MAX_BYTES ? t('The file is larger than {mb} MB. Export a shorter period.', { mb: IMPORT_MAX_BYTES / 1024 / 1024 }) : null);
    setFile(chosen);
  };
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
  const backToUpload = () => { setStep('upload'); setPreview(null); };
  const restart = () => {
    setStep('tool'); setFile(null); setUserMap({}); setPreview(null); setResult(null); check.reset(); run.reset();
  };

  return {
    step, setStep, format, setFormat, tool, file, fileError, chooseFile, userMap, preview, result, upload,
    check, run, people, runCheck, onMap, onImport, backToUpload, restart,
  };
}

export type ImportWizardState = ReturnType<typeof useImportWizard>;
