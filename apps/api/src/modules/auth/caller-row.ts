import type { Role } from '@workdiary/shared';

/** A credential's owner and their organisation, as the session and the API-token reads answer them. */
export type CallerRow = {
  userId: string; role: Role; name: string; email: string; userLocale: string | null;
  orgId: string; orgName: string; timeZone: string; currency: string; clientTimer: boolean; locale: string;
  holidayCountry: string | null; holidayRegion: string | null; holidaySharePercent: number;
};

/** The select list of a CallerRow, from the `u` (User) and `o` (Organization) of `callerJoins`. */
export const CALLER_COLUMNS = `u."id" AS "userId", u."role"::text AS "role", u."name", u."email", u."locale" AS "userLocale",
           o."id" AS "orgId", o."name" AS "orgName", o."timeZone", o."currency", o."clientTimer", o."locale",
           o."holidayCountry", o."holidayRegion", o."holidaySharePercent"`;

/**
 * The credential's (`alias`: a session or an API token, each with "userId" and "organizationId")
 * user, of the same organisation, as `u`, and that organisation as `o`. The reads add `u."active"`.
 */
export const callerJoins = (alias: string) => `JOIN "User" u ON u."id" = ${alias}."userId" AND u."organizationId" = ${alias}."organizationId"
    JOIN "Organization" o ON o."id" = ${alias}."organizationId"`;
