import { Copy, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { WEBHOOK_SECRET_PREFIX, type WebhookDetail } from '@contract/webhooks';
import { Button } from '@client/components/ui/button';
import { ConfirmDialog } from '@client/components/ui/confirm-dialog';
import { RevealButton } from '@client/components/ui/reveal-button';
import { useToast } from '@client/components/ui/toast';
import { formatDateTime } from '@client/lib/format';
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret';

const MASK = '•'.repeat(24);

export function SigningSecret({ webhook }: { webhook: WebhookDetail }) {
  const [revealed, setRevealed] = useState(false);
  const [confirmingRotate, setConfirmingRotate] = useState(false);
  const rotate = useRotateWebhookSecret();
  const { toast } = useToast();
  const secret = webhook.secret;

  if (secret === null) {
    return <p className="text-sm text-gray-600">Only admins can see the signing secret</p>;
  }

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      toast('Copied');
    } catch {
      toast('Could not copy: reveal the secret and copy it by hand');
    }
  };

  const previousValidUntil =
    webhook.previousSecretExpiresAt && new Date(webhook.previousSecretExpiresAt) > new Date()
      ? webhook.previousSecretExpiresAt
      : null;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <code
          aria-label={revealed ? 'Signing secret' : 'Signing secret, hidden'}
          className="min-w-0 rounded-lg border border-gray-200 bg-gray-50 px-3 py-1.5 font-mono text-sm break-all text-gray-800"
        >
          {revealed ? secret : `${WEBHOOK_SECRET_PREFIX}${MASK}`}
        </code>
        <RevealButton revealed={revealed} onToggle={() => setRevealed((r) => !r)} />
        <Button size="sm" variant="ghost" onClick={() => void copy()}>
          <Copy aria-hidden="true" className="size-4" />
          Copy
        </Button>
        <Button
          size="sm"
          onClick={() => {
            rotate.reset();
            setConfirmingRotate(true);
          }}
        >
          <RotateCw aria-hidden="true" className="size-4" />
          Rotate secret
        </Button>
      </div>
      {previousValidUntil ? (
        <p className="text-sm text-gray-600">
          The previous secret keeps working until {formatDateTime(previousValidUntil)}; deliveries
          are signed with both until then.
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmingRotate}
        onOpenChange={setConfirmingRotate}
        tone="primary"
        title="Rotate signing secret?"
        description={
          <p>
            A new secret is created now. The old secret keeps working for 24 hours (every delivery
            is signed with both), so you can update your server without missing an event.
          </p>
        }
        confirmLabel="Rotate secret"
        pending={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          rotate.mutate(webhook.id, {
            onSuccess: () => {
              setConfirmingRotate(false);
              setRevealed(false);
              toast('Secret rotated');
            },
          })
        }
      />
    </div>
  );
}
