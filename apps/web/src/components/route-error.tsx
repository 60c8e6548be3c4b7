import { useEffect, useState } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { serverUp } from '../lib/lazy-retry';
import { newVersionDeployed } from '../lib/new-version';
import { getErrorMessage, isApiError } from '../lib/api-client';
import { env } from '../config/env';
import { Button } from './button';
import { Forbidden } from './forbidden';
import { AlertIcon } from './icons';
import { NotFound } from './not-found';
import { StatusPage } from './status-page';
import { translate as t } from '../lib/i18n/i18n';

/** Route `errorElement`: whatever a page threw while rendering or loading. */
export function RouteError() {
  const error = useRouteError();
  // After a deploy, the old page may ask for a code chunk that no longer exists.
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  const cause = useChunkFailureCause(chunkFailed);
  useReloadWhenServerBack(cause === 'unreachable');
  const staleBundle = cause === 'new-version';
  if ((isRouteErrorResponse(error) && error.status === 404) || isApiError(error, 404)) return <NotFound />;
  if ((isRouteErrorResponse(error) && error.status === 403) || isApiError(error, 403)) {
    return <Forbidden message={isApiError(error) ? getErrorMessage(error) : undefined} />;
  }
  if (env.isDev) console.error(error);
  if (cause === 'checking') return <StatusPage icon={<AlertIcon size={28} />} title={t('Loading the page…')} message={<p>{t('Checking the connection to the server.')}</p>} />;
  if (cause === 'unreachable') {
    return (
      <StatusPage
        icon={<AlertIcon size={28} />}
        title={t('The server cannot be reached')}
        message={<p>{t('This page could not be loaded because the server does not answer. It opens by itself when the server is back; nothing you entered is lost.')}</p>}
        actions={<Button variant="primary" onClick={() => window.location.reload()}>{t('Retry')}</Button>}
      />
    );
  }
  return (
    <StatusPage
      icon={<AlertIcon size={28} />}
      title={staleBundle ? t('A new version of Workdiary is available') : t('Something went wrong')}
      message={
        <p>
          {isApiError(error)
            ? getErrorMessage(error)
            : staleBundle
              ? t('Reload the page to get it.')
              : t('This page hit an unexpected error. Reloading usually helps; if it keeps happening, tell your administrator.')}
        </p>
      }
      actions={<Button variant="primary" onClick={() => window.location.reload()}>{t('Reload page')}</Button>}
    />
  );
}

type ChunkFailureCause = 'none' | 'checking' | 'unreachable' | 'new-version' | 'other';

/**
 * Why a page's code could not be loaded: the server does not answer (an outage: say so, not "a
 * new version"), or it answers with another build than this page runs (a real new version), or
 * neither (an ordinary error).
 */
function useChunkFailureCause(chunkFailed: boolean): ChunkFailureCause {
  const [cause, setCause] = useState<ChunkFailureCause>(chunkFailed ? 'checking' : 'none');
  useEffect(() => {
    if (!chunkFailed) return;
    let cancelled = false;
    void (async () => {
      const up = await serverUp();
      const next: ChunkFailureCause = !up ? 'unreachable' : (await newVersionDeployed()) ? 'new-version' : 'other';
      if (!cancelled) setCause(next);
    })();
    return () => { cancelled = true; };
  }, [chunkFailed]);
  return chunkFailed ? cause : 'none';
}

/** A page whose code could not be fetched (server down) comes back by itself once the server answers. */
function useReloadWhenServerBack(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      void serverUp().then((up) => {
        if (up) window.location.reload();
      });
    }, 3000);
    return () => clearInterval(timer);
  }, [enabled]);
}
