import { ModulesSchema, WorkRulesParamsSchema, WorkRulesSchema, WorkRulesViewSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import {
  getDefaultRules, getUserRules, modulesOf, putDefaultRules, putModules, putUserRules, resetUserRules,
} from './settings.service.ts';
import { assertMayReadRulesOf } from '../../lib/permissions.ts';

/**
 * Step 1 of the Customer Timer settings (work rules per user, defaults per organisation) and
 * the module switches. Reading is open to the people concerned; every change is for admins.
 */
export default async function settingsRoutes(app: App) {
  const rulesChanged = (orgId: string) => app.events.publish(orgId, { type: 'settings.changed', what: 'rules' });

  // Static before parametric: find-my-way matches `/default` before `/:userId`.
  app.get('/settings/work-rules/default', {
    schema: { tags: ['settings'], summary: 'The organisation’s default work rules (for users without their own)', response: { 200: WorkRulesViewSchema } },
  }, async (request) => getDefaultRules({ db: request.db }));

  app.put('/settings/work-rules/default', {
    schema: { tags: ['settings'], summary: 'Change the organisation’s default work rules (admins)', body: WorkRulesSchema, response: { 200: WorkRulesViewSchema } },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const view = await putDefaultRules({ db: request.db, rules: request.body });
    rulesChanged(request.auth.orgId);
    return view;
  });

  app.get('/settings/work-rules/:userId', {
    schema: {
      tags: ['settings'],
      summary: 'A user’s work rules in force (own rules, else the organisation defaults). Members and managers: only their own',
      params: WorkRulesParamsSchema,
      response: { 200: WorkRulesViewSchema },
    },
  }, async (request) => {
    assertMayReadRulesOf(request.auth, request.params.userId);
    return getUserRules({ db: request.db, userId: request.params.userId });
  });

  app.put('/settings/work-rules/:userId', {
    schema: { tags: ['settings'], summary: 'Set a user’s own work rules (admins)', params: WorkRulesParamsSchema, body: WorkRulesSchema, response: { 200: WorkRulesViewSchema } },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const view = await putUserRules({ db: request.db, userId: request.params.userId, rules: request.body });
    rulesChanged(request.auth.orgId);
    return view;
  });

  app.delete('/settings/work-rules/:userId', {
    schema: { tags: ['settings'], summary: 'Drop a user’s own work rules so the organisation defaults apply (admins)', params: WorkRulesParamsSchema, response: { 200: WorkRulesViewSchema } },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const view = await resetUserRules({ db: request.db, userId: request.params.userId });
    rulesChanged(request.auth.orgId);
    return view;
  });

  app.get('/settings/modules', {
    schema: { tags: ['settings'], summary: 'Module switches (everyone: the header needs them)', response: { 200: ModulesSchema } },
  }, async (request) => modulesOf(request.org));

  app.put('/settings/modules', {
    schema: { tags: ['settings'], summary: 'Switch modules on or off (admins)', body: ModulesSchema, response: { 200: ModulesSchema } },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const modules = await putModules({ db: request.db, modules: request.body });
    app.events.publish(request.auth.orgId, { type: 'settings.changed', what: 'modules' });
    return modules;
  });
}
