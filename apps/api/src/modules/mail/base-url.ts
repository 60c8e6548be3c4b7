import type { App } from '../../lib/types.ts';
import { requestOrigin } from '../users/session.ts';

/**
 * Where links in mails point: PUBLIC_URL when set (required in production with SMTP_URL, so a
 * stranger's Host header never ends up in someone's mail); else the host the request came in on,
 * and for the reminder (no request) this server's own port.
 */
export function mailBaseUrl(app: App, request?: { protocol: string; host: string }): string {
  if (app.env.PUBLIC_URL) return app.env.PUBLIC_URL;
  return request ? requestOrigin(request) : `http://localhost:${app.env.PORT}`;
}
