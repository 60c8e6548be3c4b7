import type { ApiToken } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { useFormat } from '../../../lib/format';
import { useT } from '../../../lib/i18n/i18n';
import { serverNow } from '../../../lib/server-clock';

/** The user's API tokens: name (expired ones marked), when created, last used and expiring, and Revoke. */
export function TokenList({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  const t = useT();
  const format = useFormat();
  const now = serverNow();
  return (
    <ul className="session-list" aria-label={t('API tokens')}>
      {tokens.map((token) => {
        const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
        return (
          <li key={token.id} className="session-list__item">
            <div>
              <p className="session-list__device">
                {token.name} {expired ? <Badge tone="warning">{t('Expired')}</Badge> : null}
              </p>
              <p className="muted session-list__meta">
                {t('Created {created} · last used {used} · expires {expires}', {
                  created: format.dateTime(token.createdAt),
                  used: token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('never'),
                  expires: token.expiresAt ? format.dateTime(token.expiresAt) : t('never'),
                })}
              </p>
            </div>
            <Button size="sm" variant="danger" onClick={() => onRevoke(token)} aria-label={t('Revoke token {name}', { name: token.name })}>
              {t('Revoke')}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}
