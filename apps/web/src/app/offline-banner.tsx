import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../lib/api-client';
import { isConnectionLost, setApiReachable, setBrowserOnline, useConnection } from '../lib/connection';
import { translate as t } from '../lib/i18n/i18n';

const PING_DELAYS_MS = [2000, 4000, 8000, 15000];

/**
 * "Connection lost — retrying…" while the browser is offline or the API does not answer. While it
 * shows, it pings /api/health; when the API is back, failed queries run again.
 */
export function OfflineBanner() {
  const queryClient = useQueryClient();
  const browserOnline = useConnection((s) => s.browserOnline);
  const apiReachable = useConnection((s) => s.apiReachable);
  const lost = useConnection(isConnectionLost);

  useEffect(() => {
    const online = () => setBrowserOnline(true);
    const offline = () => setBrowserOnline(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    setBrowserOnline(navigator.onLine);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, []);

  useEffect(() => {
    if (apiReachable || !browserOnline) return;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout>;
    const controller = new AbortController();
    const ping = async () => {
      try {
        await api.get('/api/health', { signal: controller.signal });
        setApiReachable(true);
      } catch {
        if (controller.signal.aborted) return;
        attempt += 1;
        timer = setTimeout(ping, PING_DELAYS_MS[Math.min(attempt, PING_DELAYS_MS.length - 1)]);
      }
    };
    timer = setTimeout(ping, PING_DELAYS_MS[0]);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [apiReachable, browserOnline]);

  // Back online: what failed while we were away is worth another try, and whatever the page shows
  // may have changed meanwhile (a timer stopped elsewhere, entries of others): fetch it again.
  const wasLost = useRef(false);
  useEffect(() => {
    if (lost) {
      wasLost.current = true;
      return;
    }
    if (!wasLost.current) return;
    wasLost.current = false;
    void queryClient.invalidateQueries({ refetchType: 'active' });
  }, [lost, queryClient]);

  if (!lost) return null;
  return (
    <div className="offline-banner" role="alert">
      <span className="spinner spinner--sm" aria-hidden="true" />
      {t('Connection lost — retrying…')}
    </div>
  );
}
