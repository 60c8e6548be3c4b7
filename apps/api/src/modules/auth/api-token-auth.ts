import crypto from 'node:crypto';
import type { Database } from '../../db/engine.ts';
import { turnBatch } from '../../lib/turn-batch.ts';
import { CALLER_COLUMNS, callerJoins, type CallerRow } from './caller-row.ts';

/**
 * Personal API tokens on the wire (issue 28): `Authorization: Bearer wdp_…`, never a cookie or a
 * query string. Only the token's SHA-256 is stored, so a read of the table gives nothing away.
 */
export const hashApiToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export type ApiTokenRow = CallerRow & { tokenId: string; expiresAt: Date | null; lastUsedAt: Date | null };

const TOKEN_READ = `
    SELECT t."id" AS "tokenId", t."tokenHash", t."expiresAt", t."lastUsedAt",
           ${CALLER_COLUMNS}
    FROM "ApiToken" t
    ${callerJoins('t')}
    WHERE t."tokenHash" = ANY($1::text[]) AND u."active"`;

/**
 * The token row with its owner and organisation, by the token's hash; null when there is none or
 * the owner is deactivated. Like the session read, the reads of one event-loop turn go out as ONE
 * statement through the bare driver. Expiry is the caller's to check (against the app's clock).
 */
export function apiTokenReader(database: Database): (token: string) => Promise<ApiTokenRow | null> {
  const read = turnBatch(async (hashes: string[]) => {
    const rows = await database.unscoped.query<ApiTokenRow & { tokenHash: string }>(TOKEN_READ, [hashes], { prepare: true });
    const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
    return hashes.map((h) => byHash.get(h) ?? null);
  });
  return (token) => read(hashApiToken(token));
}
