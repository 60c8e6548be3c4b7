import { addMonths, localDateOf, monthBounds, monthOf } from '@workdiary/shared';
import { scopedSql } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { App } from '../../lib/types.ts';
import { mailBaseUrl } from './base-url.ts';
import { mailLanguage, monthReminderMail } from './templates.ts';

type Candidate = { id: string; email: string; name: string; locale: string | null; organizationId: string; orgLocale: string };

/**
 * Who is due a reminder for `month` in one organisation: active people who kept the reminder on,
 * existed before the month ended, and whose month is still open (no MonthClose, OPEN or
 * REOPENED: not SUBMITTED or APPROVED), and who have not been reminded for it yet.
 */
function dueQuery(orgId: string, month: string, monthEnd: Date) {
  const scope = scopedSql(orgId);
  return scope.query`
SELECT u.id, u.email, u.name, u.locale, u."organizationId", o.locale AS "orgLocale"
FROM "User" u
JOIN "Organization" o ON o.id = u."organizationId"
WHERE ${scope.where('u', Prisma.sql`u.active AND u."monthReminder" AND u."createdAt" < ${monthEnd}`)}
  AND NOT EXISTS (
    SELECT 1 FROM "MonthClose" c
    WHERE c."organizationId" = u."organizationId" AND c."userId" = u.id AND c.month = ${month} AND c.status IN ('SUBMITTED', 'APPROVED'))
  AND NOT EXISTS (SELECT 1 FROM "MonthReminder" r WHERE r."userId" = u.id AND r.month = ${month})
ORDER BY u.id`;
}

/**
 * The claim: whoever inserts the row sends the mail; a second instance (or run) finds it there.
 * The row is made from the user's own, so it can only name a user of this organisation.
 */
function claimQuery(orgId: string, userId: string, month: string, now: Date) {
  const scope = scopedSql(orgId);
  return scope.query`INSERT INTO "MonthReminder" ("organizationId", "userId", "month", "sentAt")
  SELECT u."organizationId", u.id, ${month}, ${now.toISOString()}::timestamptz FROM "User" u WHERE ${scope.where('u', Prisma.sql`u.id = ${userId}`)}
  ON CONFLICT ("userId", "month") DO NOTHING RETURNING "userId"`;
}

/** A claim given back (the mail was refused), so the next run tries again. */
function releaseQuery(orgId: string, userId: string, month: string) {
  const scope = scopedSql(orgId);
  return scope.query`DELETE FROM "MonthReminder" r WHERE ${scope.where('r', Prisma.sql`r."userId" = ${userId} AND r."month" = ${month}`)}`;
}

/**
 * Reminds each person once per month, from the 1st (in the organisation's time zone) on, to
 * submit last month while it is still open. Several instances on one database each run this; the
 * MonthReminder row decides who sends. A mail the SMTP server refuses gives its claim back, so the
 * next run tries again.
 */
export function monthReminderScheduler(app: App) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function runOnce(): Promise<number> {
    const now = app.now();
    const orgs = await app.database.prisma.organization.findMany({ select: { id: true, timeZone: true } });
    let sent = 0;
    for (const org of orgs) {
      if (stopped) break;
      const month = addMonths(monthOf(localDateOf(now, org.timeZone)), -1);
      const monthEnd = monthBounds(month, org.timeZone).end;
      const due = await app.database.sql.query<Candidate>(dueQuery(org.id, month, monthEnd));
      for (const user of due) {
        if (stopped) break;
        const claimed = await app.database.sql.query(claimQuery(org.id, user.id, month, now));
        if (claimed.length === 0) continue;
        const mail = monthReminderMail({
          language: mailLanguage(user.locale, user.orgLocale),
          to: user.email,
          name: user.name,
          month,
          link: `${mailBaseUrl(app)}/diary/${encodeURIComponent(user.id)}?month=${month}`,
        });
        try {
          await app.mailer.send(mail);
          sent += 1;
        } catch (err) {
          app.log.warn({ err, userId: user.id, month }, 'month reminder not sent; trying again at the next run');
          await app.database.sql.query(releaseQuery(org.id, user.id, month));
        }
      }
    }
    return sent;
  }

  /** One run at a time per instance; a run's failure is logged, never thrown into the timer. */
  function tick(): Promise<number> {
    running ??= runOnce()
      .catch((err: unknown) => {
        app.log.error({ err }, 'month reminder run failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    runOnce: tick,
    start(intervalMs: number) {
      stopped = false;
      const loop = () => {
        void tick().finally(() => {
          if (stopped) return;
          timer = setTimeout(loop, intervalMs);
          timer.unref();
        });
      };
      timer = setTimeout(loop, Math.min(intervalMs, 5_000));
      timer.unref();
    },
    /** No new run starts; waits for a run in progress (it stops after the mail it is sending). */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
