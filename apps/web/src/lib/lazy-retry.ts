import { api } from './api-client';

const RELOADED_KEY = 'wd.chunk-reload';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when the server answers /api/health (it is up, so a missing chunk means a new deployment). */
export async function serverUp(): Promise<boolean> {
  try {
    await api.get('/api/health');
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads a page's code chunk, retrying a failed fetch twice (a blip, a restarting server). When it
 * still fails while the server is up, the chunk no longer exists (a new version was deployed):
 * the page reloads once to get the new version. Otherwise the error reaches the route's error
 * page, which reloads by itself when the server is back.
 */
export async function importWithRetry<T>(load: () => Promise<T>, delays: readonly number[] = [500, 1500]): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const module = await load();
      sessionStorage.removeItem(RELOADED_KEY);
      return module;
    } catch (error) {
      const delay = delays[attempt];
      if (delay !== undefined) {
        await wait(delay);
        continue;
      }
      if (!sessionStorage.getItem(RELOADED_KEY) && (await serverUp())) {
        sessionStorage.setItem(RELOADED_KEY, '1');
        window.location.reload();
      }
      throw error;
    }
  }
}
