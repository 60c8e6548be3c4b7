const DEFAULT_AFTER_LOGIN = '/customers';

/**
 * `/login?next=<where the user was>`; `next` is left out when it would only lead home.
 * `expired`: the session ended while the app was in use (the sign-in page says so).
 */
export function loginUrl(next?: string, { expired = false }: { expired?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (next && next !== '/' && !next.startsWith('/login')) params.set('next', next);
  if (expired) params.set('expired', '1');
  const search = params.toString();
  return search ? `/login?${search}` : '/login';
}

/** Only same-app paths are followed after login: never another origin, never back to /login. */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw) return DEFAULT_AFTER_LOGIN;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return DEFAULT_AFTER_LOGIN;
  if (raw === '/login' || raw.startsWith('/login?') || raw.startsWith('/login/')) return DEFAULT_AFTER_LOGIN;
  return raw;
}
