import type { UploadProgress } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n/i18n';

/**
 * A large file's way to the server: the upload's percentage while it is sent, then an
 * indeterminate bar with `working` ("Checking rows…", "Importing…") while the server reads it.
 */
export function ImportProgress({ progress, working }: { progress: UploadProgress | null; working: string }) {
  const t = useT();
  const uploading = progress !== null && progress.total > 0 && progress.loaded < progress.total;
  const percent = uploading ? Math.floor((progress.loaded / progress.total) * 100) : null;
  const label = percent === null ? working : t('Uploading the file… {percent} %', { percent });
  return (
    <div className="import-progress">
      <div
        role="progressbar"
        aria-label={percent === null ? working : t('Uploading the file')}
        aria-valuemin={percent === null ? undefined : 0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={label}
        className={percent === null ? 'import-progress__bar is-indeterminate' : 'import-progress__bar'}
      >
        <span style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="muted" aria-live="polite">{label}</p>
    </div>
  );
}
