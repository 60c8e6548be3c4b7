// Answers of the demo organisation (German, de-DE) recorded from GET requests as its admin, for
// the every-page-in-German test: realistic data in the shapes the API sends (ids of the demo).
import { errorResponse, jsonResponse, type StubHandler } from '../test/fetch-stub';
import recorded from './german-pages.fixtures.json';

export const DEMO = {
  acme: '47c6dbbb-08aa-4238-9527-fab184fa02be',
  bob: 'd5c013a0-da6e-428b-b3cf-7e54c92ced83',
  shareToken: 'LBajGuX6AJz-o6czM0Vbma4j4_Vd29Y5',
} as const;

type Recorded = Record<string, { status: number; body: unknown }>;

export function germanPageStubs({ signedIn }: { signedIn: boolean }): Record<string, StubHandler> {
  const handlers: Record<string, StubHandler> = {};
  for (const [key, { status, body }] of Object.entries(recorded as Recorded)) {
    handlers[key] = () => jsonResponse(body, { status });
  }
  if (!signedIn) handlers['GET /api/me'] = () => errorResponse(401, 'UNAUTHENTICATED', 'Please sign in.');
  return handlers;
}
