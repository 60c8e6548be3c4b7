import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { isConnectionLost, useConnection } from './connection';

/**
 * A new deployment while a page is open: the page keeps running the old code until a chunk it
 * lacks fails to load (lib/lazy-retry). To pick the new version up sooner, the page compares its
 * own entry script with the one the server's index.html names now, when the connection comes back
 * (a restart is often a deployment) and when the tab is shown again; if they differ, the next
 * navigation loads the new version (a full page load of where the user is going, so nothing
 * on screen is lost: open forms keep their drafts).
 */
const ENTRY_SCRIPT = /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/;

function loadedEntry(): string | null {
  return document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.getAttribute('src') ?? null;
}

/** True when the server now serves another build than the one this page runs. */
export async function newVersionDeployed(): Promise<boolean> {
  const mine = loadedEntry();
  if (!mine) return false;
  try {
    const response = await fetch('/', { cache: 'no-store', headers: { Accept: 'text/html' } });
    if (!response.ok) return false;
    const theirs = ENTRY_SCRIPT.exec(await response.text())?.[1];
    return theirs !== undefined && theirs !== mine;
  } catch {
    return false;
  }
}

const CHECK_EVERY_MS = 10 * 60_000;

/** Mounted once in the signed-in layout: see above. */
export function useReloadOnNewVersion(reload: () => void = () => window.location.reload()): void {
  const { pathname } = useLocation();
  const lost = useConnection(isConnectionLost);
  const outdated = useRef(false);
  const lastCheck = useRef(0);
  const wasLost = useRef(false);

  useEffect(() => {
    const check = () => {
      if (outdated.current) return;
      lastCheck.current = Date.now();
      void newVersionDeployed().then((yes) => {
        if (yes) outdated.current = true;
      });
    };
    if (lost) {
      wasLost.current = true;
    } else if (wasLost.current) {
      wasLost.current = false;
      check();
    }
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - lastCheck.current > CHECK_EVERY_MS) check();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [lost]);

  const shownPath = useRef(pathname);
  useEffect(() => {
    if (pathname === shownPath.current) return;
    shownPath.current = pathname;
    if (outdated.current) reload();
  }, [pathname, reload]);
}
