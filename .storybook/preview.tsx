// Before anything that builds a schema: see src/client/zod-config.ts.
import '../src/client/zod-config';
import './preview.css';
import type { Decorator, Loader, Preview } from '@storybook/react-vite';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { MemoryRouter } from '../src/client/lib/router';
import { ToastProvider } from '../src/client/components/ui/toast';
import { SessionProvider } from '../src/client/lib/authorization';
import { handlers } from '../src/testing/mocks/handlers';
import { currentMockUser, toSession } from '../src/testing/mocks/mock-db';
import { createTestQueryClient } from '../src/testing/render-with-providers';
import {
  DATA_SCENARIOS,
  DEFAULT_SCENARIO,
  NETWORK_TITLES,
  ROLE_TITLES,
  SCENARIO_CHOICES,
  applyScenario,
  parseScenario,
} from '../src/testing/scenarios';

/**
 * The same handlers and in-memory database as the component tests and mock mode. Given to the worker
 * at its start, they stay between stories (the addon resets only what a story adds with
 * `parameters.msw`, such as a one-off failure).
 */
const mockApi = mswLoader(async () => {
  const worker = setupWorker(...handlers);
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
  return worker;
});

/**
 * Before each story (and again when a toolbar value changes): a fresh mock database in the chosen
 * scenario, and a query client of the story's own, so no story sees another's cache.
 */
const scenarioLoader: Loader = ({ globals }) => {
  const { scenario } = parseScenario({
    role: String(globals.role),
    data: String(globals.data),
    network: String(globals.network),
  });
  applyScenario(scenario);
  return { queryClient: createTestQueryClient() };
};

/** What the app puts around a page: the query client, toasts, the session, a router. */
const withProviders: Decorator = (Story, { loaded, parameters }) => {
  const user = currentMockUser();
  const story = user ? (
    <SessionProvider session={toSession(user)}>
      <Story />
    </SessionProvider>
  ) : (
    <Story />
  );
  // A story may start at a URL of its own (`parameters: { url: '/deliveries' }`), for links and the
  // sidebar's current page.
  const url = typeof parameters.url === 'string' ? parameters.url : '/';
  // Components sit on the page's white card (contrast is checked against it); layout stories draw
  // their own background at full screen.
  const surface =
    parameters.layout === 'fullscreen' ? story : <div className="bg-white p-6">{story}</div>;
  // Page stories (`parameters: { router: 'app' }`) render the app's own route tree in a router of
  // their own: a router inside this one would throw.
  const routed =
    parameters.router === 'app' ? (
      surface
    ) : (
      <MemoryRouter initialEntries={[url]}>{surface}</MemoryRouter>
    );
  return (
    <QueryClientProvider client={loaded.queryClient as QueryClient}>
      <ToastProvider>{routed}</ToastProvider>
    </QueryClientProvider>
  );
};

const preview: Preview = {
  globalTypes: {
    role: {
      description: 'Who is signed in',
      toolbar: {
        title: 'Role',
        icon: 'user',
        dynamicTitle: true,
        items: SCENARIO_CHOICES.role.map((value) => ({ value, title: ROLE_TITLES[value] })),
      },
    },
    data: {
      description: 'What the organisation holds',
      toolbar: {
        title: 'Data',
        icon: 'database',
        dynamicTitle: true,
        items: SCENARIO_CHOICES.data.map((value) => ({
          value,
          title: DATA_SCENARIOS[value].title,
        })),
      },
    },
    network: {
      description: 'How the mock API answers',
      toolbar: {
        title: 'Network',
        icon: 'globe',
        dynamicTitle: true,
        items: SCENARIO_CHOICES.network.map((value) => ({ value, title: NETWORK_TITLES[value] })),
      },
    },
  },
  initialGlobals: { ...DEFAULT_SCENARIO },
  loaders: [scenarioLoader, mockApi],
  decorators: [withProviders],
  parameters: {
    // An axe violation fails the story's test, in `npm test` as in the Storybook UI.
    a11y: { test: 'error' },
    layout: 'padded',
  },
};

export default preview;
