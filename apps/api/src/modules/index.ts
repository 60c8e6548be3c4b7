import type { App } from '../lib/types.ts';
import absencesRoutes from './absences/absences.routes.ts';
import apiTokenRoutes from './api-tokens/api-tokens.routes.ts';
import authRoutes from './auth/auth.routes.ts';
import backupRoutes from './backup/backup.routes.ts';
import balancesRoutes from './balances/balances.routes.ts';
import holidaysRoutes from './calendar/holidays.routes.ts';
import calendarFeedRoutes from './calendar/calendar-feed.routes.ts';
import mailRoutes from './mail/mail.routes.ts';
import categoriesRoutes from './categories/categories.routes.ts';
import complianceRoutes from './compliance/compliance.routes.ts';
import customersRoutes from './customers/customers.routes.ts';
import diaryExportRoutes from './diary/diary-export.routes.ts';
import diaryRoutes from './diary/diary.routes.ts';
import eventsRoutes from './events/events.routes.ts';
import customerExportRoutes from './exports/customer-export.routes.ts';
import organizationExportRoutes from './exports/organization-export.routes.ts';
import healthRoutes from './health/health.routes.ts';
import importsRoutes from './imports/imports.routes.ts';
import monthsRoutes from './months/months.routes.ts';
import organizationRoutes from './organization/organization.routes.ts';
import payrollRoutes from './payroll/payroll.routes.ts';
import reportsRoutes from './reports/reports.routes.ts';
import settingsRoutes from './settings/settings.routes.ts';
import setupRoutes from './setup/setup.routes.ts';
import timerSwitchRoutes from './timer/timer-switch.routes.ts';
import timerRoutes from './timer/timer.routes.ts';
import atWorkRoutes from './users/at-work.routes.ts';
import meRoutes from './users/me.routes.ts';
import userAccessRoutes from './users/user-access.routes.ts';
import usersRoutes from './users/users.routes.ts';
import webhooksRoutes from './webhooks/webhooks.routes.ts';
import workEntriesRoutes from './work-entries/work-entries.routes.ts';

/** Every route module, mounted under /api. */
export const routeModules: Array<(app: App) => Promise<void>> = [
  healthRoutes,
  authRoutes,
  mailRoutes,
  setupRoutes,
  timerRoutes,
  timerSwitchRoutes,
  eventsRoutes,
  categoriesRoutes,
  settingsRoutes,
  customersRoutes,
  workEntriesRoutes,
  customerExportRoutes,
  organizationExportRoutes,
  diaryRoutes,
  diaryExportRoutes,
  usersRoutes,
  userAccessRoutes,
  meRoutes,
  atWorkRoutes,
  organizationRoutes,
  monthsRoutes,
  absencesRoutes,
  holidaysRoutes,
  reportsRoutes,
  payrollRoutes,
  backupRoutes,
  balancesRoutes,
  complianceRoutes,
  importsRoutes,
  apiTokenRoutes,
  calendarFeedRoutes,
  webhooksRoutes,
];
