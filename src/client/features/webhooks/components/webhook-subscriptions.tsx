import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link } from '@client/lib/router';
import type { WebhookSubscription } from '@contract/webhooks';
import { Chip } from '@client/components/ui/badge';
import { Button } from '@client/components/ui/button';
import { ConfirmDialog } from '@client/components/ui/confirm-dialog';
import { useToast } from '@client/components/ui/toast';
import { paths } from '@client/lib/paths';
import type { RemoveSubscription } from './delete-webhook-dialog';

export function WebhookSubscriptions({
  subscriptions,
  canChange,
  removeSubscription,
}: {
  subscriptions: readonly WebhookSubscription[];
  canChange: boolean;
  removeSubscription: RemoveSubscription;
}) {
  const [removing, setRemoving] = useState<WebhookSubscription | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { toast } = useToast();

  if (subscriptions.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-gray-300 px-5 py-4 text-sm text-gray-600">
        No agent sends events here yet. Choose this endpoint on an agent&apos;s Webhook tab.
      </p>
    );
  }

  const confirm = async () => {
    if (!removing) return;
    setPending(true);
    setError(null);
    try {
      await removeSubscription(removing.agentId);
      toast(`Removed ${removing.agentName}'s subscription`);
      setRemoving(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <ul className="divide-y divide-gray-100 rounded-xl border border-gray-200">
        {subscriptions.map((subscription) => (
          <li
            key={subscription.agentId}
            className="flex flex-wrap items-center gap-x-6 gap-y-2 px-5 py-3.5"
          >
            <Link
              to={paths.agentWebhook(subscription.agentId)}
              className="w-48 truncate font-medium text-gray-900 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {subscription.agentName}
            </Link>
            <ul aria-label="Events" className="flex flex-1 flex-wrap gap-2">
              {subscription.eventTypes.map((type) => (
                <li key={type}>
                  <Chip>{type}</Chip>
                </li>
              ))}
            </ul>
            <Button
              variant="danger-ghost"
              size="icon"
              aria-label={`Remove ${subscription.agentName}'s subscription`}
              title={canChange ? undefined : 'Only admins can change webhooks'}
              disabled={!canChange}
              onClick={() => {
                setError(null);
                setRemoving(subscription);
              }}
            >
              <Trash2 aria-hidden="true" className="size-4" />
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={`Remove ${removing?.agentName ?? ''}'s subscription?`}
        description={
          <p>
            {removing?.agentName} stops sending call events to this endpoint. You can choose an
            endpoint again on the agent&apos;s Webhook tab.
          </p>
        }
        confirmLabel="Remove subscription"
        pending={pending}
        error={error}
        onConfirm={() => void confirm()}
      />
    </>
  );
}
