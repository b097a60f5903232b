/**
 * Every page is its own chunk (`lazy`), so a first visit loads the shell and that one page only.
 * Route modules are thin: they read the URL and compose features.
 */
import { Navigate, createBrowserRouter, type RouteObject } from '@client/lib/router';
import { RouteError } from './routes/route-error';

/** Shown while the first page's code downloads: the app's background, so nothing flashes. */
const loadingPage = <div className="min-h-screen bg-gray-100" />;

export const routes: RouteObject[] = [
  {
    path: '/sign-in',
    errorElement: <RouteError whole />,
    hydrateFallbackElement: loadingPage,
    lazy: async () => ({ Component: (await import('./routes/sign-in')).SignInRoute }),
  },
  {
    path: '/',
    errorElement: <RouteError whole />,
    hydrateFallbackElement: loadingPage,
    lazy: async () => ({ Component: (await import('./routes/app-root')).AppRoot }),
    // A page that cannot load or render shows RouteError in its place, inside the shell; only the
    // shell's own failure fills the window.
    children: withPageError([
      { index: true, element: <Navigate to="/agents" replace /> },
      {
        path: 'agents',
        lazy: async () => ({ Component: (await import('./routes/agents/agents')).AgentsRoute }),
      },
      {
        path: 'agents/:agentId',
        lazy: async () => ({
          Component: (await import('./routes/agents/agent-settings')).AgentSettingsRoute,
        }),
        children: [
          { index: true, element: <Navigate to="general" replace /> },
          {
            path: 'general',
            lazy: async () => ({
              Component: (await import('./routes/agents/agent-general')).AgentGeneralRoute,
            }),
          },
          {
            path: 'webhook',
            lazy: async () => ({
              Component: (await import('./routes/agents/agent-webhook')).AgentWebhookRoute,
            }),
          },
        ],
      },
      {
        path: 'deliveries',
        lazy: async () => ({
          Component: (await import('./routes/deliveries/deliveries')).DeliveriesRoute,
        }),
        children: [
          {
            path: ':deliveryId',
            lazy: async () => ({
              Component: (await import('./routes/deliveries/delivery')).DeliveryRoute,
            }),
          },
        ],
      },
      {
        path: 'calls/:callId',
        lazy: async () => ({ Component: (await import('./routes/calls/call')).CallRoute }),
      },
      {
        path: 'webhooks',
        lazy: async () => ({
          Component: (await import('./routes/webhooks/webhooks')).WebhooksRoute,
        }),
      },
      {
        path: 'webhooks/new',
        lazy: async () => ({
          Component: (await import('./routes/webhooks/webhook-new')).WebhookNewRoute,
        }),
      },
      {
        path: 'webhooks/:webhookId',
        lazy: async () => ({
          Component: (await import('./routes/webhooks/webhook-detail')).WebhookDetailRoute,
        }),
      },
      {
        path: 'api-keys',
        lazy: async () => ({ Component: (await import('./routes/api-keys')).ApiKeysRoute }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('./routes/not-found')).NotFoundRoute }),
      },
    ]),
  },
];

function withPageError(pages: RouteObject[]): RouteObject[] {
  return pages.map((page) => (page.index ? page : { ...page, errorElement: <RouteError /> }));
}

export function createAppRouter() {
  return createBrowserRouter(routes);
}
