import { useState } from 'react';
import type { WebhookSummary } from '@contract/webhooks';
import { ConfirmDialog } from '@client/components/ui/confirm-dialog';
import { useDeleteWebhook } from '../api/delete-webhook';

/** Removes one agent's subscription (an agents operation, handed in by the route). */
export type RemoveSubscription = (agentId: string) => Promise<unknown>;

/**
 * Deleting an endpoint that agents use is refused by the server (409 `webhook_in_use`), so when the
 * page knows of such agents it names them and offers to remove their subscriptions first.
 */
export function DeleteWebhookDialog({
  webhook,
  onOpenChange,
  onDeleted,
  removeSubscription,
}: {
  webhook: WebhookSummary | null;
  onOpenChange: (open: boolean) => void;
  onDeleted: () => void;
  removeSubscription: RemoveSubscription;
}) {
  const remove = useDeleteWebhook();
  const [detaching, setDetaching] = useState(false);
  const [detachError, setDetachError] = useState<unknown>(null);

  const subscriptions = webhook?.subscriptions ?? [];
  const inUse = subscriptions.length > 0;
  const pending = detaching || remove.isPending;

  const run = async () => {
    if (!webhook) return;
    setDetachError(null);
    remove.reset();
    try {
      setDetaching(true);
      // One by one: if one removal fails, the message names a definite state.
      for (const subscription of subscriptions) await removeSubscription(subscription.agentId);
    } catch (error) {
      setDetachError(error);
      return;
    } finally {
      setDetaching(false);
    }
    remove.mutate(webhook.id, { onSuccess: onDeleted });
  };

  return (
    <ConfirmDialog
      open={webhook !== null}
      onOpenChange={(open) => {
        if (!open) {
          remove.reset();
          setDetachError(null);
        }
        onOpenChange(open);
      }}
      title="Delete endpoint?"
      description={
        <div className="space-y-2">
          <p>
            <span className="font-medium break-all text-gray-900">{webhook?.url}</span> stops
            receiving events and its signing secret stops working. This cannot be undone.
          </p>
          {inUse ? (
            <p>This endpoint is used by {subscriptions.map((s) => s.agentName).join(', ')}.</p>
          ) : null}
        </div>
      }
      confirmLabel={inUse ? 'Remove assignments and delete' : 'Delete'}
      pending={pending}
      error={detachError ?? remove.error}
      onConfirm={() => void run()}
    />
  );
}
