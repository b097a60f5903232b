import { useNavigate, useParams } from '@client/lib/router';
import { useToast } from '@client/components/ui/toast';
import { useDeleteAgentWebhook } from '@client/features/agents/api/delete-agent-webhook';
import { DeliveriesTable } from '@client/features/deliveries/components/deliveries-table';
import { WebhookDetails } from '@client/features/webhooks/components/webhook-details';
import { paths } from '@client/lib/paths';

export function WebhookDetailRoute() {
  const { webhookId = '' } = useParams();
  const navigate = useNavigate();
  const { toast } = useToast();
  // Subscriptions belong to agents: the agents feature removes them, this page only asks.
  const removeAgentWebhook = useDeleteAgentWebhook();

  return (
    <>
      <title>Endpoint · Ringpost</title>
      <WebhookDetails
        key={webhookId}
        webhookId={webhookId}
        removeSubscription={(agentId) => removeAgentWebhook.mutateAsync(agentId)}
        deliveries={<DeliveriesTable filters={{ webhookId }} />}
        onDeleted={() => {
          toast('Webhook deleted');
          void navigate(paths.webhooks(), { replace: true });
        }}
      />
    </>
  );
}
