import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, redirect, type RouteObject } from 'react-router';
import { NotFound } from '../components/not-found';
import { RequireRole } from '../components/require-role';
import { RouteError } from '../components/route-error';
import { FullPageSpinner } from '../components/spinner';
import { api } from '../lib/api-client';
import { ADMIN_ROLES, MANAGER_ROLES } from '../lib/current-user';
import { importWithRetry } from '../lib/lazy-retry';
import { AppRoot } from './root';

/** On an empty database (no organisation yet) the sign-in page hands over to first-run setup. */
async function setupFirst() {
  // GET /api/setup read here, not through the setup feature's schemas: the sign-in page loads no zod.
  const status = await api.get<{ needed?: unknown }>('/api/setup').catch(() => null);
  return status?.needed === true ? redirect('/setup') : null;
}

/** Each page is its own chunk, loaded when its route is first visited. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return async () => ({ Component: (await importWithRetry(load))[name] });
}

/** The customer page with the timer's At work button and badge in its slot under the contact details. */
async function customerPageWithAtWork() {
  const [{ CustomerPage }, { AtWorkPanel }] = await Promise.all([
    importWithRetry(() => import('../features/customers/pages/customer-page')),
    importWithRetry(() => import('../features/timer/components/at-work-panel')),
  ]);
  return { Component: () => <CustomerPage renderAtWork={(customer) => <AtWorkPanel customer={customer} />} /> };
}

/** The Work diary's users list with the live "At work now" list under it. */
async function diaryPageWithAtWork() {
  const [{ DiaryPage }, { AtWorkCard }] = await Promise.all([
    importWithRetry(() => import('../features/diary/pages/diary-page')),
    importWithRetry(() => import('../features/users/components/at-work-card')),
  ]);
  return { Component: () => <DiaryPage aside={<AtWorkCard />} /> };
}

export const routes: RouteObject[] = [
  {
    id: 'root',
    element: <AppRoot />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpinner />,
    children: [
      { path: 'login', loader: setupFirst, lazy: page(() => import('../features/auth/pages/login-page'), 'LoginPage') },
      { path: 'setup', lazy: page(() => import('../features/setup/pages/setup-page'), 'SetupPage') },
      { path: 'set-password', lazy: page(() => import('../features/setup/pages/set-password-page'), 'SetPasswordPage') },
      { path: 'forgot-password', lazy: page(() => import('../features/auth/pages/forgot-password-page'), 'ForgotPasswordPage') },
      { path: 'reset-password', lazy: page(() => import('../features/auth/pages/reset-password-page'), 'ResetPasswordPage') },
      // A shared report: public and read-only, outside the signed-in frame (no navigation, no timer).
      { path: 'shared/reports/:token', lazy: page(() => import('../features/reports/pages/shared-report-page'), 'SharedReportPage') },
      {
        // The signed-in frame (auth guard, header, timer) is its own chunk too: the sign-in page,
        // the first thing anyone loads, does not download it (bench/first-load.ts).
        lazy: page(() => import('../features/auth/components/require-auth'), 'RequireAuth'),
        children: [
          {
            lazy: page(() => import('./layout'), 'AppLayout'),
            children: [
              {
                // Errors inside a page render under the header, not instead of it.
                errorElement: <RouteError />,
                children: [
                  { index: true, element: <Navigate to="/customers" replace /> },
                  { path: 'customers', lazy: page(() => import('../features/customers/pages/customers-page'), 'CustomersPage') },
                  { path: 'customers/:customerId', lazy: customerPageWithAtWork },
                  // Everyone: admins edit the settings, members and managers read their own work rules there.
                  { path: 'settings', lazy: page(() => import('../features/settings/pages/settings-page'), 'SettingsPage') },
                  { path: 'profile', lazy: page(() => import('../features/profile/pages/profile-page'), 'ProfilePage') },
                  { path: 'absences', lazy: page(() => import('../features/absences/pages/absences-page'), 'AbsencesPage') },
                  // Managers and admins report on everyone; a member's report is their own ("My report").
                  { path: 'reports', lazy: page(() => import('../features/reports/pages/reports-page'), 'ReportsPage') },
                  // Managers and admins see users × month; the page sends a member to their own month.
                  { path: 'diary', lazy: diaryPageWithAtWork },
                  // Everyone: their own week as a timesheet (issue 25).
                  { path: 'week', lazy: page(() => import('../features/week/pages/week-page'), 'WeekPage') },
                  {
                    element: <RequireRole roles={MANAGER_ROLES} />,
                    children: [
                      { path: 'at-work', lazy: page(() => import('../features/users/pages/at-work-page'), 'AtWorkPage') },
                    ],
                  },
                  {
                    // Managers see anyone's month; a member only their own.
                    element: <RequireRole roles={MANAGER_ROLES} selfParam="userId" />,
                    children: [{ path: 'diary/:userId', lazy: page(() => import('../features/diary/pages/diary-user-page'), 'DiaryUserPage') }],
                  },
                  {
                    element: <RequireRole roles={ADMIN_ROLES} />,
                    children: [
                      { path: 'users', lazy: page(() => import('../features/users/pages/users-page'), 'UsersPage') },
                      { path: 'settings/organization', lazy: page(() => import('../features/organization/pages/organization-page'), 'OrganizationPage') },
                      { path: 'settings/webhooks', lazy: page(() => import('../features/webhooks/pages/webhooks-page'), 'WebhooksPage') },
                      { path: 'settings/imports', lazy: page(() => import('../features/imports/pages/imports-page'), 'ImportsPage') },
                    ],
                  },
                  { path: '*', element: <NotFound /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
