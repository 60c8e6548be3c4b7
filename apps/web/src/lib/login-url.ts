const DEFAULT_AFTER_LOGIN = '/customers';

/** `/login?next=<where the user was>`; `next` is left out when it would only lead home. */
export function loginUrl(next?: string): string {
  if (!next || next === '/' || next.startsWith('/login')) return '/login';
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Only same-app paths are followed after login: never another origin, never back to /login. */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw) return DEFAULT_AFTER_LOGIN;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return DEFAULT_AFTER_LOGIN;
  if (raw === '/login' || raw.startsWith('/login?') || raw.startsWith('/login/')) return DEFAULT_AFTER_LOGIN;
  return raw;
}
