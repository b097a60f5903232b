/**
 * Mock mode (design mode without Storybook): the real app over the MSW handlers and in-memory
 * database from src/testing, with no server. `npm run dev:mock` serves this entry for every page
 * (vite.config.ts), so any URL works and a reload stays here. Query parameters choose the scene
 * (src/testing/scenarios.ts lists the values; an unknown one is shown on the page, not ignored):
 *   role=admin|support|viewer|none   who is signed in (default admin; none shows sign-in)
 *   data=demo|empty|no-endpoints|disabled-endpoint|failing-endpoint|many-deliveries
 *   network=instant|slow|offline|server-errors   how the mock API answers
 *   latency=<ms>   a delay for every answer on an instant network
 *   to=/agents/…   the page to start on, when the entry is opened as /mock.html
 * The scene is remembered for the tab (sessionStorage), so a reload after the app has changed the
 * URL keeps it. The demo's endpoints show every delivery state: CRM delivers (a week of traffic with
 * an outage, a redelivery; passes the signature self-test), Analytics has been failing for two days
 * (502s, a base64 answer, a redelivery to another URL, a call whose End waits for its Start, a
 * finished bulk retry), Legacy is disabled with skipped deliveries to replay, Staging accepts
 * anything (fails the self-test), and Archive answers 410 Gone to an event due 15 s after the page
 * opens, so it is disabled while you watch. Deliveries, test calls and bulk retries follow a
 * simulation on the wall clock (src/testing/mocks/mock-deliveries.ts), and the live stream
 * (mock-live.ts) announces changes.
 */
// Before anything that builds a schema: see zod-config.ts.
import './zod-config';
import { setupWorker } from 'msw/browser';
import { createRoot } from 'react-dom/client';
import { handlers } from '@testing/mocks/handlers';
import { MockModeMarker } from '@testing/mock-mode-marker';
import '@testing/mock-mode.css';
import { applyScenario, parseScenario, type ScenarioPart } from '@testing/scenarios';

const STORAGE_KEY = 'ringpost.mock-scenario';
const PARTS: readonly ScenarioPart[] = ['role', 'data', 'network'];

const params = new URLSearchParams(window.location.search);
const remembered = new URLSearchParams(window.sessionStorage.getItem(STORAGE_KEY) ?? '');
const fromUrl = PARTS.some((part) => params.has(part));
const source = fromUrl ? params : remembered;
const { scenario, problems } = parseScenario({
  role: source.get('role'),
  data: source.get('data'),
  network: source.get('network'),
});
window.sessionStorage.setItem(
  STORAGE_KEY,
  new URLSearchParams({
    role: scenario.role,
    data: scenario.data,
    network: scenario.network,
  }).toString(),
);
applyScenario(scenario, { latencyMs: Number(params.get('latency') ?? 0) });

await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });

const marker = document.createElement('div');
document.body.append(marker);
createRoot(marker).render(<MockModeMarker scenario={scenario} problems={problems} />);

// The app routes by path: opened as /mock.html, start it on the requested page (the scene's
// parameters stay in the URL); served for any path by `npm run dev:mock`, stay where we are.
const to = params.get('to');
if (to !== null || window.location.pathname.endsWith('/mock.html')) {
  params.delete('to');
  const page = to ?? '/agents';
  const search = params.toString();
  const separator = page.includes('?') ? '&' : '?';
  window.history.replaceState(null, '', search ? `${page}${separator}${search}` : page);
}
await import('./main');
