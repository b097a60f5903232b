import { Suspense, lazy, useState } from 'react';
import { useSearchParams } from '@client/lib/router';
import type { TestCallResponse } from '@contract/deliveries';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { AgentWebhookPanel } from '@client/features/agents/components/agent-webhook-panel';
import { useWebhooks } from '@client/features/webhooks/api/get-webhooks';
import { usePermissions } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';
import { useSettingsAgent } from './agent-settings';

// The modal brings Dialog, Select, Checkbox and react-hook-form: load it when it is about to open.
const loadConfigureWebhookDialog = () =>
  import('@client/features/agents/components/configure-webhook-dialog');
const ConfigureWebhookDialog = lazy(async () => ({
  default: (await loadConfigureWebhookDialog()).ConfigureWebhookDialog,
}));

// Following a test call brings the deliveries feature (tables, polling, the payload dialog): load it
// when a call is about to be made, not on every visit to the tab.
const loadTestCallPanel = () => import('@client/features/deliveries/components/test-call-panel');
const TestCallPanel = lazy(async () => ({ default: (await loadTestCallPanel()).TestCallPanel }));

// The agent's recent deliveries come after the tab's own content, in a chunk of their own, so that
// they do not add to what a first visit must download before the tab shows.
const AgentRecentDeliveries = lazy(async () => ({
  default: (await import('./agent-recent-deliveries')).AgentRecentDeliveries,
}));

/**
 * `?configure` opens the modal; `?configure=<webhookId>` also chooses that endpoint, which is how
 * the create-endpoint page hands back the endpoint it just made.
 */
const CONFIGURE_PARAM = 'configure';

export function AgentWebhookRoute() {
  const agent = useSettingsAgent();
  const { canChangeAgents } = usePermissions();
  const webhooks = useWebhooks();
  const [searchParams, setSearchParams] = useSearchParams();
  const [testCall, setTestCall] = useState<TestCallResponse | null>(null);

  const configure = searchParams.get(CONFIGURE_PARAM);
  const open = configure !== null && canChangeAgents;
  const setOpen = (next: boolean) =>
    setSearchParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set(CONFIGURE_PARAM, '');
        else updated.delete(CONFIGURE_PARAM);
        return updated;
      },
      { replace: true },
    );

  const items = webhooks.data?.items;
  // An endpoint created a moment ago may be missing from a list that is still being refreshed.
  const waitingForPreselected =
    Boolean(configure) && !items?.some((w) => w.id === configure) && webhooks.isFetching;

  return (
    <>
      <AgentWebhookPanel
        agent={agent}
        onConfigure={() => setOpen(true)}
        onIntentToConfigure={() => void loadConfigureWebhookDialog()}
        onTestCallStarted={setTestCall}
        onIntentToTestCall={() => void loadTestCallPanel()}
      />
      {testCall ? (
        <Suspense fallback={null}>
          <TestCallPanel
            key={testCall.callId}
            agentId={agent.id}
            call={testCall}
            eventTypes={agent.webhook?.eventTypes ?? []}
            onClose={() => setTestCall(null)}
          />
        </Suspense>
      ) : null}
      <section aria-labelledby="agent-deliveries-heading" className="mt-10 max-w-5xl">
        <Suspense fallback={<LoadingSkeleton label="Loading recent deliveries" lines={3} />}>
          <AgentRecentDeliveries agentId={agent.id} />
        </Suspense>
      </section>
      {open ? (
        <Suspense
          fallback={
            <div role="status" className="fixed inset-0 z-50 bg-gray-900/40">
              <span className="sr-only">Loading</span>
            </div>
          }
        >
          <ConfigureWebhookDialog
            agent={agent}
            endpoints={waitingForPreselected ? undefined : items}
            endpointsError={items ? undefined : webhooks.error}
            onRetryEndpoints={() => void webhooks.refetch()}
            preselectedWebhookId={configure}
            createEndpointHref={paths.newWebhook(paths.agentWebhook(agent.id))}
            open
            onOpenChange={setOpen}
          />
        </Suspense>
      ) : null}
    </>
  );
}
