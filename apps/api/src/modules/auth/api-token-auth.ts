import crypto from 'node:crypto';
import type { Role } from '@workdiary/shared';
import type { Database } from '../../db/engine.ts';
import { turnBatch } from '../../lib/turn-batch.ts';

/**
 * Personal API tokens on the wire (issue 28): `Authorization: Bearer wdp_…`, never a cookie or a
 * query string. Only the token's SHA-256 is stored, so a read of the table gives nothing away.
 */
export const hashApiToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export type ApiTokenRow = {
  tokenId: string; expiresAt: Date | null; lastUsedAt: Date | null;
  userId: string; role: Role; name: string; email: string;
  orgId: string; orgName: string; timeZone: string; currency: string; clientTimer: boolean; locale: string;
  holidayCountry: string | null; holidayRegion: string | null; holidaySharePercent: number;
};

const TOKEN_READ = `
    SELECT t."id" AS "tokenId", t."tokenHash", t."expiresAt", t."lastUsedAt",
           u."id" AS "userId", u."role"::text AS "role", u."name", u."email",
           o."id" AS "orgId", o."name" AS "orgName", o."timeZone", o."currency", o."clientTimer", o."locale",
           o."holidayCountry", o."holidayRegion", o."holidaySharePercent"
    FROM "ApiToken" t
    JOIN "User" u ON u."id" = t."userId" AND u."organizationId" = t."organizationId"
    JOIN "Organization" o ON o."id" = t."organizationId"
    WHERE t."tokenHash" = ANY($1::text[]) AND u."active"`;

/**
 * The token row with its owner and organisation, by the token's hash; null when there is none or
 * the owner is deactivated. Like the session read, the reads of one event-loop turn go out as ONE
 * statement through the bare driver. Expiry is the caller's to check (against the app's clock).
 */
export function apiTokenReader(database: Database): (token: string) => Promise<ApiTokenRow | null> {
  const read = turnBatch(async (hashes: string[]) => {
    const rows = await database.sql.query<ApiTokenRow & { tokenHash: string }>(TOKEN_READ, [hashes], { prepare: true });
    const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
    return hashes.map((h) => byHash.get(h) ?? null);
  });
  return (token) => read(hashApiToken(token));
}
