import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers';
import { createQueryClient } from './app/query-client';
import { createAppRouter } from './app/router';
import { setUnauthorizedHandler } from './lib/api-client';
import { prepareI18n } from './lib/i18n/i18n';
import { loginUrl } from './lib/login-url';
import './styles/global.css';

const queryClient = createQueryClient();
const router = createAppRouter();

// Session expired mid-use: go to login (remembering where we were), then drop the old data.
setUnauthorizedHandler((next) => {
  if (router.state.location.pathname === '/login') return;
  void router.navigate(loginUrl(next, { expired: true }), { replace: true }).then(() => queryClient.clear());
});

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// The stored language's catalog first, so the first paint is already in that language.
void prepareI18n().finally(() => {
  createRoot(container).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
});
