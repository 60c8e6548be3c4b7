import { Outlet, ScrollRestoration } from 'react-router';
import { Toaster } from '../components/toaster';
import { OfflineBanner } from './offline-banner';

/** Wraps every route, signed in or not. */
export function AppRoot() {
  return (
    <>
      <OfflineBanner />
      <Outlet />
      <Toaster />
      <ScrollRestoration />
    </>
  );
}
