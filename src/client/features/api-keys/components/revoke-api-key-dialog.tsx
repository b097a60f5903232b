import type { ApiKey } from '@contract/api-keys';
import { ConfirmDialog } from '@client/components/ui/confirm-dialog';
import { useToast } from '@client/components/ui/toast';
import { useRevokeApiKey } from '../api/revoke-api-key';

export function RevokeApiKeyDialog({
  apiKey,
  onOpenChange,
}: {
  apiKey: ApiKey | null;
  onOpenChange: (open: boolean) => void;
}) {
  const revoke = useRevokeApiKey();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      open={apiKey !== null}
      onOpenChange={(open) => {
        if (!open) revoke.reset();
        onOpenChange(open);
      }}
      title="Revoke API key?"
      description={
        <p>
          <span className="font-medium text-gray-900">{apiKey?.name}</span> (
          <code className="font-mono text-xs">{apiKey?.prefix}…</code>) stops working at once:
          requests that use it are refused. This cannot be undone.
        </p>
      }
      confirmLabel="Revoke key"
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => {
        if (!apiKey) return;
        revoke.mutate(apiKey.id, {
          onSuccess: () => {
            onOpenChange(false);
            toast(`${apiKey.name} revoked`);
          },
        });
      }}
    />
  );
}
