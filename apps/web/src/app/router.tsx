import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { NotFound } from '../components/not-found';
import { RequireRole } from '../components/require-role';
import { RouteError } from '../components/route-error';
import { FullPageSpinner } from '../components/spinner';
import { RequireAuth } from '../features/auth/components/require-auth';
import { ADMIN_ROLES, MANAGER_ROLES } from '../lib/current-user';
import { AppLayout } from './layout';
import { AppRoot } from './root';

/** Each page is its own chunk, loaded when its route is first visited. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return async () => ({ Component: (await load())[name] });
}

export const routes: RouteObject[] = [
  {
    id: 'root',
    element: <AppRoot />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageSpinner />,
    children: [
      { path: 'login', lazy: page(() => import('../features/auth/pages/login-page'), 'LoginPage') },
      { path: 'setup', lazy: page(() => import('../features/setup/pages/setup-page'), 'SetupPage') },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AppLayout />,
            children: [
              {
                // Errors inside a page render under the header, not instead of it.
                errorElement: <RouteError />,
                children: [
                  { index: true, element: <Navigate to="/customers" replace /> },
                  { path: 'customers', lazy: page(() => import('../features/customers/pages/customers-page'), 'CustomersPage') },
                  { path: 'customers/:customerId', lazy: page(() => import('../features/customers/pages/customer-page'), 'CustomerPage') },
                  { path: 'at-work', lazy: page(() => import('../features/users/pages/at-work-page'), 'AtWorkPage') },
                  { path: 'profile', lazy: page(() => import('../features/profile/pages/profile-page'), 'ProfilePage') },
                  {
                    element: <RequireRole roles={MANAGER_ROLES} />,
                    children: [{ path: 'diary', lazy: page(() => import('../features/diary/pages/diary-page'), 'DiaryPage') }],
                  },
                  {
                    // Managers see anyone's month; a member only their own.
                    element: <RequireRole roles={MANAGER_ROLES} selfParam="userId" />,
                    children: [{ path: 'diary/:userId', lazy: page(() => import('../features/diary/pages/diary-user-page'), 'DiaryUserPage') }],
                  },
                  {
                    element: <RequireRole roles={ADMIN_ROLES} />,
                    children: [
                      { path: 'settings', lazy: page(() => import('../features/settings/pages/settings-page'), 'SettingsPage') },
                      { path: 'users', lazy: page(() => import('../features/users/pages/users-page'), 'UsersPage') },
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

export type AppRouter = ReturnType<typeof createAppRouter>;
