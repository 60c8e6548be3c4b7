import { beforeAll, describe, expect, it } from 'vitest';
import { dayBounds, type DiaryUserMonth } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries, type EntrySpec } from './diary.fixtures.ts';

/**
 * A user's month view marks a day `flagged` when a flagged session overlaps the day's [start,
 * end) (a running one up to now). The figures module walks each flagged session over the days it
 * spans (issue 23); this checks every day of several months against the rule written out, for
 * sessions across midnights, month ends, DST days (Europe/Berlin, and America/Santiago, whose
 * clocks change at midnight), touching a midnight exactly, longer than a month, and running.
 */
describe(`month view: flagged days (${engineName})`, () => {
  let ctx: TestContext;
  const NOW = new Date('2026-11-20T10:00:00Z');
  beforeAll(async () => {
    ctx = await setupTestApp();
    ctx.clock.now = NOW;
  });

  function random(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  for (const tz of ['Europe/Berlin', 'America/Santiago']) {
    it(`marks exactly the days a flagged session touches in ${tz}`, async () => {
      const org: OrgFixture = await createOrg(ctx, { timeZone: tz });
      const next = random(tz.length);
      const H = 3_600_000;
      const specs: EntrySpec[] = [];
      const add = (userId: string, start: number, stop: number | null, flagged: boolean) =>
        specs.push({ userId, start: new Date(start).toISOString(), stop: stop === null ? null : new Date(stop).toISOString(), flagged });
      const alice = org.users.alice.id;
      const bob = org.users.bob.id;
      // Ends exactly at a local midnight, starts exactly at one, spans a whole month, runs.
      const midnight = dayBounds('2026-03-10', tz).start.getTime();
      add(alice, midnight - 2 * H, midnight, true);
      add(alice, dayBounds('2026-03-12', tz).start.getTime(), dayBounds('2026-03-12', tz).start.getTime() + H, true);
      add(bob, Date.parse('2026-03-25T10:00:00Z'), Date.parse('2026-05-02T10:00:00Z'), true);
      add(alice, NOW.getTime() - 30 * H, null, true);
      // Random sessions around the DST changes and month ends, a third of them flagged.
      for (const base of ['2026-03-27T00:00:00Z', '2026-04-03T00:00:00Z', '2026-09-04T00:00:00Z', '2026-10-23T00:00:00Z']) {
        for (let i = 0; i < 25; i++) {
          const start = Date.parse(base) + Math.floor(next() * 8 * 24) * H + Math.floor(next() * 4) * 15 * 60_000;
          add(next() < 0.5 ? alice : bob, start, start + (1 + Math.floor(next() * (next() < 0.2 ? 40 : 8))) * H, next() < 0.35);
        }
      }
      await insertEntries(ctx.db.prisma, org, specs);

      let flaggedDays = 0;
      for (const userId of [alice, bob]) {
        for (const month of ['2026-03', '2026-04', '2026-05', '2026-09', '2026-10', '2026-11']) {
          const res = await as(ctx.app, org.users.manager.token).get(`/api/diary/${userId}?month=${month}`);
          expect(res.statusCode, res.body).toBe(200);
          const days = res.json<DiaryUserMonth>().items;
          const want = days.map((d) => {
            const { start, end } = dayBounds(d.date, tz);
            return `${d.date} ${specs.some((s) => s.userId === userId && s.flagged && new Date(s.start) < end && (s.stop === null ? NOW : new Date(s.stop)) > start)}`;
          });
          expect(days.map((d) => `${d.date} ${d.flagged}`)).toEqual(want);
          flaggedDays += days.filter((d) => d.flagged).length;
        }
      }
      expect(flaggedDays).toBeGreaterThan(40);
    });
  }
});
