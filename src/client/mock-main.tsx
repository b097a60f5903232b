/**
 * Mock mode (the seed of design mode): the real app over the MSW handlers and in-memory database
 * from src/testing, with no server. Open /mock.html; query parameters choose the scene:
 *   to=/agents/…   the page to start on (default /agents)
 *   role=admin|support|viewer|none   who is signed in (default admin; none shows sign-in)
 *   data=demo|empty|no-endpoints   seeded organisation, an empty one, or agents without endpoints
 *   latency=<ms>   delay of every API answer (default 300), to see loading states
 * The demo's endpoints show every delivery state: CRM delivers (a week of traffic with an outage, a
 * redelivery; passes the signature self-test), Analytics has been failing for two days (502s, a base64
 * answer, a redelivery to another URL, a call whose End waits for its Start, a finished bulk retry),
 * Legacy is disabled with skipped deliveries to replay, Staging accepts anything (fails the
 * self-test), and Archive answers 410 Gone to an event due 15 s after the page opens, so it is
 * disabled while you watch. Deliveries, test calls and bulk retries follow a simulation on the wall
 * clock (src/testing/mocks/mock-deliveries.ts), and the live stream (mock-live.ts) announces changes.
 */
// Before anything that builds a schema: see zod-config.ts.
import './zod-config';
import { setupWorker } from 'msw/browser';
import { RoleSchema } from '@contract/auth';
import { configureMockApi } from '@testing/mocks/mock-api';
import { handlers } from '@testing/mocks/handlers';
import { db, signInMockUser } from '@testing/mocks/mock-db';
import { seedMockDb } from '@testing/mocks/mock-seed';

const params = new URLSearchParams(window.location.search);

const data = params.get('data') ?? 'demo';
if (data !== 'empty') seedMockDb();
if (data === 'no-endpoints') {
  db.webhooks = [];
  db.subscriptions = [];
  db.deliveries = [];
}
const role = RoleSchema.safeParse(params.get('role') ?? 'admin');
if (role.success) signInMockUser(role.data);
configureMockApi({ latencyMs: Number(params.get('latency') ?? 300) });

await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });

// The app routes by path; start it on the requested page instead of /mock.html.
window.history.replaceState(null, '', params.get('to') ?? '/agents');
await import('./main');
