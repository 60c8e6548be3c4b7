import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORK_RULES, ERROR_STATUS, type ErrorCode, type WorkEntry, type WorkRules } from '@workdiary/shared';
import type { LightMyRequestResponse } from 'fastify';
import { newId } from '../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../test/helper.ts';

/**
 * The Step 1 rules on EVERY path that writes an entry (DOMAIN.md, issue 4): each rule is tried on
 * timer stop, manual create (own and a manager's for alice), and edit (own and a manager editing
 * alice's). A refusal must answer the rule's code and leave the database exactly as it was.
 */

let ctx: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

const MIN = 60_000;
const START = new Date('2026-03-10T08:00:00.000Z'); // a Tuesday, 09:00 in Berlin
const LATER = new Date('2026-03-10T20:00:00.000Z'); // the clock for manual writes: all of them lie in the past
const at = (minutes: number) => new Date(START.getTime() + minutes * MIN);

const BASE: WorkRules = { ...DEFAULT_WORK_RULES, noteRequired: false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false };

type Path = 'timer-stop' | 'create (own)' | 'create (manager for alice)' | 'edit (own)' | 'edit (manager on alice’s)';
const PATHS: Path[] = ['timer-stop', 'create (own)', 'create (manager for alice)', 'edit (own)', 'edit (manager on alice’s)'];

type Attempt = { minutes: number; note: string };

async function setAliceRules(rules: WorkRules) {
  const res = await as(ctx.app, org.users.admin.token).put(`/api/settings/work-rules/${org.users.alice.id}`, rules);
  expect(res.statusCode, res.body).toBe(200);
}

/** An entry of alice's written straight to the database (fixture, not under test). */
async function insertEntry(startedAt: Date, stoppedAt: Date | null, note = 'Existing work', customerId = org.customers.globex) {
  const id = newId();
  await ctx.db.prisma.workEntry.create({
    data: {
      id, organizationId: org.orgId, userId: org.users.alice.id, customerId, categoryId: org.categories.support,
      startedAt, stoppedAt, note, source: stoppedAt ? 'MANUAL' : 'TIMER', createdById: org.users.alice.id,
    },
  });
  return id;
}

/** Everything a refused write must leave untouched: alice's entries and the audit trail. */
async function snapshot() {
  const entries = await ctx.db.prisma.workEntry.findMany({ where: { userId: org.users.alice.id }, orderBy: { id: 'asc' } });
  const audit = await ctx.db.prisma.auditEvent.count({ where: { organizationId: org.orgId } });
  return { entries, audit };
}

/**
 * Prepares what the path needs BEFORE the rules under test are set (a running timer, an entry to
 * edit), then returns the write itself: a session of `minutes` from START with `note`.
 */
async function prepare(path: Path): Promise<(a: Attempt) => Promise<LightMyRequestResponse>> {
  const alice = as(ctx.app, org.users.alice.token);
  const manager = as(ctx.app, org.users.manager.token);
  const body = (a: Attempt) => ({ startedAt: START.toISOString(), stoppedAt: at(a.minutes).toISOString(), note: a.note });
  switch (path) {
    case 'timer-stop': {
      ctx.clock.now = START;
      const started = await alice.post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
      expect(started.statusCode, started.body).toBe(201);
      return (a) => {
        ctx.clock.now = at(a.minutes);
        return alice.post('/api/timer/stop', { note: a.note });
      };
    }
    case 'create (own)':
      ctx.clock.now = LATER;
      return (a) => alice.post('/api/work-entries', { customerId: org.customers.acme, categoryId: org.categories.regular, ...body(a) });
    case 'create (manager for alice)':
      ctx.clock.now = LATER;
      return (a) => manager.post('/api/work-entries', { userId: org.users.alice.id, customerId: org.customers.acme, categoryId: org.categories.regular, ...body(a) });
    case 'edit (own)':
    case 'edit (manager on alice’s)': {
      ctx.clock.now = LATER;
      // A harmless entry the edit turns into the candidate: 1 minute, three hours before START.
      const id = await insertEntry(at(-180), at(-179), 'Before the edit', org.customers.acme);
      const who = path === 'edit (own)' ? alice : manager;
      return (a) => who.patch(`/api/work-entries/${id}`, body(a));
    }
  }
}

type RuleCase = {
  rule: string;
  rules: WorkRules;
  /** Written before the rules are set (e.g. the session the candidate overlaps). */
  arrange?: () => Promise<unknown>;
  broken: Attempt;
  refusal: ErrorCode;
  /** Part of the sentence the user reads. */
  says: string;
  /** The same write made valid: it must pass, so the refusal is the rule's doing. */
  fixed: Attempt;
};

const CASES: RuleCase[] = [
  {
    rule: 'noteRequired',
    rules: { ...BASE, noteRequired: true },
    broken: { minutes: 30, note: '   ' },
    refusal: 'NOTE_REQUIRED',
    says: 'A note is required',
    fixed: { minutes: 30, note: 'Fixed the invoice export' },
  },
  {
    rule: 'minSessionMinutes',
    rules: { ...BASE, minSessionMinutes: 15 },
    broken: { minutes: 10, note: 'Too short' },
    refusal: 'SESSION_TOO_SHORT',
    says: 'at least 15 minutes',
    fixed: { minutes: 15, note: 'Just long enough' },
  },
  {
    rule: 'maxSessionHours',
    rules: { ...BASE, maxSessionHours: 2 },
    broken: { minutes: 121, note: 'Too long' },
    refusal: 'SESSION_TOO_LONG',
    says: 'at most 2 hours',
    fixed: { minutes: 120, note: 'Just short enough' },
  },
  {
    rule: 'overlap (allowOverlap: false)',
    rules: { ...BASE, allowOverlap: false },
    // 10:00–10:30 in Berlin; written earlier, when overlaps were still allowed.
    arrange: () => insertEntry(at(60), at(90)),
    broken: { minutes: 75, note: 'Runs into the other session' },
    refusal: 'ENTRY_OVERLAP',
    says: 'Globex GmbH on 2026-03-10 10:00–10:30',
    fixed: { minutes: 60, note: 'Ends where the other begins' },
  },
];

const expectedStatus = (code: ErrorCode) => ERROR_STATUS[code];

beforeEach(async () => {
  // Every case starts from no entries and the baseline rules.
  await ctx.db.prisma.workEntry.deleteMany({ where: { organizationId: org.orgId } });
  ctx.clock.now = null;
  await setAliceRules(BASE);
});

describe(`work rules on every write path (${engineName})`, () => {
  const table = CASES.flatMap((c) => PATHS.map((path) => ({ ...c, path })));

  it.each(table)('$rule on $path: refused with $refusal, nothing stored', async ({ rules, arrange, broken, refusal, says, path }) => {
    const write = await prepare(path);
    await arrange?.();
    await setAliceRules(rules);
    const before = await snapshot();

    const res = await write(broken);

    // The maximum never blocks stopping a running timer: it stops, flagged for review.
    if (path === 'timer-stop' && refusal === 'SESSION_TOO_LONG') {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<WorkEntry>()).toMatchObject({ flagged: true, stoppedAt: at(broken.minutes).toISOString() });
      return;
    }
    expect(res.statusCode, res.body).toBe(expectedStatus(refusal));
    const { error } = res.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe(refusal);
    expect(error.message).toContain(says); // a sentence the UI shows as it is
    expect(await snapshot()).toEqual(before);
    if (path === 'timer-stop') {
      // still running: the user can add a note and stop again
      const timer = await as(ctx.app, org.users.alice.token).get('/api/timer');
      expect(timer.json<{ running: WorkEntry | null }>().running?.stoppedAt).toBeNull();
    }
  });

  it.each(table)('$rule on $path: the same write within the rule is stored', async ({ rules, arrange, fixed, path }) => {
    const write = await prepare(path);
    await arrange?.();
    await setAliceRules(rules);
    const before = await snapshot();

    const res = await write(fixed);

    expect([200, 201], res.body).toContain(res.statusCode);
    const entry = res.json<WorkEntry>();
    expect(entry).toMatchObject({ userId: org.users.alice.id, startedAt: START.toISOString(), stoppedAt: at(fixed.minutes).toISOString(), note: fixed.note.trim(), flagged: false });
    const stored = await ctx.db.prisma.workEntry.findUnique({ where: { id: entry.id } });
    expect(stored?.stoppedAt?.toISOString()).toBe(at(fixed.minutes).toISOString());
    expect((await snapshot()).audit).toBe(before.audit + 1);
  });

  it.each(PATHS)('allowOverlap: true lets an overlapping session through on %s', async (path) => {
    const write = await prepare(path);
    await insertEntry(at(60), at(90));
    await setAliceRules({ ...BASE, allowOverlap: true });
    const res = await write({ minutes: 75, note: 'Two customers at once' });
    expect([200, 201], res.body).toContain(res.statusCode);
  });

  it('applies alice’s rules, not the editor’s, when a manager edits her entry', async () => {
    // The manager has no note rule; alice has. The manager's edit is judged by alice's rules.
    const write = await prepare('edit (manager on alice’s)');
    await setAliceRules({ ...BASE, noteRequired: true });
    const mine = await as(ctx.app, org.users.manager.token).get(`/api/settings/work-rules/${org.users.manager.id}`);
    expect(mine.json<WorkRules>().noteRequired).toBe(false);
    const res = await write({ minutes: 30, note: '' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('NOTE_REQUIRED');
  });

  it('uses the organisation defaults for a user without own rules', async () => {
    await ctx.db.prisma.workRules.deleteMany({ where: { userId: org.users.alice.id } });
    const admin = as(ctx.app, org.users.admin.token);
    expect((await admin.put('/api/settings/work-rules/default', { ...BASE, minSessionMinutes: 20 })).statusCode).toBe(200);
    try {
      const write = await prepare('create (own)');
      const res = await write({ minutes: 10, note: 'Short' });
      expect(res.statusCode).toBe(422);
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'SESSION_TOO_SHORT',
        message: expect.stringContaining('at least 20 minutes'),
      });
    } finally {
      await admin.put('/api/settings/work-rules/default', DEFAULT_WORK_RULES);
    }
  });
});
