import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORK_RULES, type LoginResponse, type WorkRules, type WorkRulesView } from '@workdiary/shared';
import type { LiveEvent } from '../../lib/events.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { loadRules } from '../../domain/rules-lookup.ts';
import { forOrg } from '../../db/scoped.ts';

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;
const events: LiveEvent[] = [];

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
  other = await createOrg(ctx);
  ctx.app.events.subscribe(org.orgId, (e) => events.push(e));
});

const strict: WorkRules = { requiredMinutes: [420, 420, 420, 420, 300, 0, 0], noteRequired: true, minSessionMinutes: 5, maxSessionHours: 10, allowOverlap: false };
const rulesOnly = (v: WorkRulesView): WorkRules => ({
  requiredMinutes: v.requiredMinutes, noteRequired: v.noteRequired, minSessionMinutes: v.minSessionMinutes,
  maxSessionHours: v.maxSessionHours, allowOverlap: v.allowOverlap,
});
const ownRows = (userId: string) => ctx.db.prisma.workRules.count({ where: { userId } });
const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

describe(`work rules (${engineName})`, () => {
  it('lets a member read their own rules: the organisation defaults until they have their own', async () => {
    const res = await as(ctx.app, org.users.alice.token).get(`/api/settings/work-rules/${org.users.alice.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json<WorkRulesView>();
    expect(view).toMatchObject({ userId: org.users.alice.id, inherited: true });
    expect(rulesOnly(view)).toEqual(DEFAULT_WORK_RULES);
  });

  it.each(['alice', 'manager'] as const)('refuses %s reading someone else’s rules with 403', async (who) => {
    const res = await as(ctx.app, org.users[who].token).get(`/api/settings/work-rules/${org.users.bob.id}`);
    expect(res.statusCode).toBe(403);
    expect(code(res)).toBe('FORBIDDEN');
  });

  it.each(['alice', 'manager'] as const)('refuses %s changing rules (own, someone’s, defaults) with 403 and stores nothing', async (who) => {
    const self = org.users[who].id;
    for (const url of [`/api/settings/work-rules/${self}`, `/api/settings/work-rules/${org.users.bob.id}`, '/api/settings/work-rules/default']) {
      const res = await as(ctx.app, org.users[who].token).put(url, strict);
      expect(res.statusCode, url).toBe(403);
    }
    expect((await as(ctx.app, org.users[who].token).delete(`/api/settings/work-rules/${self}`)).statusCode).toBe(403);
    expect(await ownRows(self)).toBe(0);
    expect(await ownRows(org.users.bob.id)).toBe(0);
    const def = await ctx.db.prisma.workRules.findFirst({ where: { organizationId: org.orgId, userId: null } });
    expect(def?.noteRequired).toBe(false);
  });

  it('lets an admin set a user’s rules, which the entry rules then use', async () => {
    events.length = 0;
    const res = await as(ctx.app, org.users.admin.token).put(`/api/settings/work-rules/${org.users.alice.id}`, strict);
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkRulesView>()).toMatchObject({ ...strict, userId: org.users.alice.id, inherited: false });
    expect(events).toContainEqual({ type: 'settings.changed', what: 'rules' });

    const read = await as(ctx.app, org.users.alice.token).get(`/api/settings/work-rules/${org.users.alice.id}`);
    expect(rulesOnly(read.json())).toEqual(strict);
    expect(read.json<WorkRulesView>().inherited).toBe(false);
    expect(await loadRules(forOrg(ctx.db.prisma, org.orgId), org.users.alice.id)).toEqual(strict);
    // bob still has the defaults
    expect(await loadRules(forOrg(ctx.db.prisma, org.orgId), org.users.bob.id)).toEqual(DEFAULT_WORK_RULES);

    // a second PUT updates the same row
    const again = await as(ctx.app, org.users.admin.token).put(`/api/settings/work-rules/${org.users.alice.id}`, { ...strict, noteRequired: false });
    expect(again.json<WorkRulesView>().noteRequired).toBe(false);
    expect(await ownRows(org.users.alice.id)).toBe(1);
  });

  it('lets a manager read their own rules', async () => {
    const res = await as(ctx.app, org.users.manager.token).get(`/api/settings/work-rules/${org.users.manager.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkRulesView>().inherited).toBe(true);
  });

  it('changes the organisation defaults for everyone without own rules', async () => {
    const defaults: WorkRules = { ...DEFAULT_WORK_RULES, requiredMinutes: [450, 450, 450, 450, 450, 0, 0], minSessionMinutes: 1 };
    const res = await as(ctx.app, org.users.admin.token).put('/api/settings/work-rules/default', defaults);
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkRulesView>()).toMatchObject({ ...defaults, userId: null, inherited: false });
    const bob = await as(ctx.app, org.users.bob.token).get(`/api/settings/work-rules/${org.users.bob.id}`);
    expect(rulesOnly(bob.json())).toEqual(defaults);
    expect(bob.json<WorkRulesView>().inherited).toBe(true);
    const alice = await as(ctx.app, org.users.admin.token).get(`/api/settings/work-rules/${org.users.alice.id}`);
    expect(alice.json<WorkRulesView>().requiredMinutes).toEqual(strict.requiredMinutes);
    // everyone may read the defaults; one default row per organisation
    expect((await as(ctx.app, org.users.bob.token).get('/api/settings/work-rules/default')).json<WorkRulesView>().minSessionMinutes).toBe(1);
    expect(await ctx.db.prisma.workRules.count({ where: { organizationId: org.orgId, userId: null } })).toBe(1);
    // the other organisation's defaults are untouched
    const theirs = await ctx.db.prisma.workRules.findFirst({ where: { organizationId: other.orgId, userId: null } });
    expect(theirs?.minSessionMinutes).toBe(0);
    await as(ctx.app, org.users.admin.token).put('/api/settings/work-rules/default', DEFAULT_WORK_RULES);
  });

  it('creates the default row when an organisation has none', async () => {
    await ctx.db.prisma.workRules.deleteMany({ where: { organizationId: other.orgId, userId: null } });
    const empty = await as(ctx.app, other.users.admin.token).get('/api/settings/work-rules/default');
    expect(empty.json<WorkRulesView>()).toMatchObject({ ...DEFAULT_WORK_RULES, updatedAt: null });
    const res = await as(ctx.app, other.users.admin.token).put('/api/settings/work-rules/default', strict);
    expect(res.statusCode).toBe(200);
    expect(await ctx.db.prisma.workRules.count({ where: { organizationId: other.orgId, userId: null } })).toBe(1);
  });

  it('resets a user to the organisation defaults', async () => {
    await as(ctx.app, org.users.admin.token).put(`/api/settings/work-rules/${org.users.bob.id}`, strict);
    const res = await as(ctx.app, org.users.admin.token).delete(`/api/settings/work-rules/${org.users.bob.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkRulesView>()).toMatchObject({ ...DEFAULT_WORK_RULES, inherited: true });
    expect(await ownRows(org.users.bob.id)).toBe(0);
  });

  it.each([
    ['six weekdays', { ...strict, requiredMinutes: [480, 480, 480, 480, 480, 0] }],
    ['a day over 24 h', { ...strict, requiredMinutes: [1500, 0, 0, 0, 0, 0, 0] }],
    ['a negative minimum', { ...strict, minSessionMinutes: -1 }],
    ['a zero maximum', { ...strict, maxSessionHours: 0 }],
    ['fractional minutes', { ...strict, minSessionMinutes: 1.5 }],
    ['a missing field', { requiredMinutes: strict.requiredMinutes, noteRequired: true }],
    ['a minimum not shorter than the maximum', { ...strict, minSessionMinutes: 600, maxSessionHours: 10 }],
  ])('refuses %s with 400', async (_label, body) => {
    const res = await as(ctx.app, org.users.admin.token).put(`/api/settings/work-rules/${org.users.manager.id}`, body);
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('VALIDATION_ERROR');
    expect(await ownRows(org.users.manager.id)).toBe(0);
  });

  it('answers 404 for a user of another organisation, and stores nothing', async () => {
    const admin = as(ctx.app, org.users.admin.token);
    expect((await admin.get(`/api/settings/work-rules/${other.users.alice.id}`)).statusCode).toBe(404);
    expect((await admin.put(`/api/settings/work-rules/${other.users.alice.id}`, strict)).statusCode).toBe(404);
    expect((await admin.delete(`/api/settings/work-rules/${other.users.alice.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/settings/work-rules/no-such-user')).statusCode).toBe(404);
    expect(await ownRows(other.users.alice.id)).toBe(0);
  });
});

describe(`modules (${engineName})`, () => {
  it('lets everyone read the switches', async () => {
    for (const who of ['admin', 'manager', 'alice'] as const) {
      const res = await as(ctx.app, org.users[who].token).get('/api/settings/modules');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ clientTimer: true });
    }
  });

  it('lets only admins switch the Client Timer, stored on the organisation', async () => {
    for (const who of ['manager', 'alice'] as const) {
      const res = await as(ctx.app, org.users[who].token).put('/api/settings/modules', { clientTimer: false });
      expect(res.statusCode).toBe(403);
    }
    events.length = 0;
    const off = await as(ctx.app, org.users.admin.token).put('/api/settings/modules', { clientTimer: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ clientTimer: false });
    expect(events).toEqual([{ type: 'settings.changed', what: 'modules' }]);
    expect((await ctx.db.prisma.organization.findUnique({ where: { id: org.orgId } }))?.clientTimer).toBe(false);
    expect((await ctx.db.prisma.organization.findUnique({ where: { id: other.orgId } }))?.clientTimer).toBe(true);
    const me = await as(ctx.app, org.users.alice.token).get('/api/me');
    expect(me.json<LoginResponse['user']>().organization.clientTimer).toBe(false);

    expect((await as(ctx.app, org.users.admin.token).put('/api/settings/modules', { clientTimer: 'no' })).statusCode).toBe(400);
    expect((await as(ctx.app, org.users.admin.token).put('/api/settings/modules', { clientTimer: true })).json()).toEqual({ clientTimer: true });
  });
});
