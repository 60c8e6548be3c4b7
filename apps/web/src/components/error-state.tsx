import { getErrorMessage } from '../lib/api-client';
import { Button } from './button';
import { AlertIcon } from './icons';
import { translate as t } from '../lib/i18n/i18n';

export type ErrorStateProps = {
  /** Any thrown value; an ApiError shows its server message. */
  error: unknown;
  onRetry?: () => void;
  title?: string;
  /** Shows the Retry button as busy (e.g. `query.isFetching`). */
  retrying?: boolean;
};

export function ErrorState({ error, onRetry, title = t('Could not load this'), retrying = false }: ErrorStateProps) {
  return (
    <div className="state-block state-block--error" role="alert">
      <div className="state-block__icon" aria-hidden="true"><AlertIcon size={22} /></div>
      <p className="state-block__title">{title}</p>
      <p className="state-block__message">{getErrorMessage(error)}</p>
      {onRetry ? (
        <div className="state-block__action">
          <Button onClick={onRetry} loading={retrying} loadingText={t('Retrying…')}>{t('Retry')}</Button>
        </div>
      ) : null}
    </div>
  );
}
