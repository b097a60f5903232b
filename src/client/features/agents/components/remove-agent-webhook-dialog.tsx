import type { Agent } from '@contract/agents';
import { ConfirmDialog } from '@client/components/ui/confirm-dialog';
import { useToast } from '@client/components/ui/toast';
import { useDeleteAgentWebhook } from '../api/delete-agent-webhook';

export function RemoveAgentWebhookDialog({
  agent,
  open,
  onOpenChange,
}: {
  agent: Agent;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const remove = useDeleteAgentWebhook();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Remove webhook?"
      description={
        <p>
          {agent.name} stops sending call events to{' '}
          <span className="font-medium break-all text-gray-900">{agent.webhook?.url}</span>. The
          endpoint itself is kept.
        </p>
      }
      confirmLabel="Remove webhook"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        remove.mutate(agent.id, {
          onSuccess: () => {
            onOpenChange(false);
            toast('Webhook removed');
          },
        })
      }
    />
  );
}
