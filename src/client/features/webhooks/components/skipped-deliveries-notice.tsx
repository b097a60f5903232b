import { RotateCcw } from 'lucide-react';
import type { WebhookDetail } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { Notice } from '@client/components/ui/notice';
import { useToast } from '@client/components/ui/toast';
import { errorMessage } from '@client/lib/api-client';
import { ADMIN_OR_SUPPORT_ONLY, usePermissions } from '@client/lib/authorization';
import { plural } from '@client/lib/format';
import { useReplaySkipped } from '../api/replay-skipped';

/**
 * Deliveries recorded as skipped while the endpoint was disabled, and the way to send them after
 * all. Replaying waits for the endpoint to be enabled: they would only be skipped again.
 */
export function SkippedDeliveriesNotice({ webhook }: { webhook: WebhookDetail }) {
  const { canSendTests } = usePermissions();
  const replay = useReplaySkipped(webhook.id);
  const { toast } = useToast();
  const count = webhook.skippedDeliveryCount;
  if (count === 0) return null;

  const disabled = webhook.status === 'disabled';
  const reason = !canSendTests
    ? ADMIN_OR_SUPPORT_ONLY.tests
    : disabled
      ? 'Enable the endpoint to replay them.'
      : null;

  return (
    <Notice
      tone="warning"
      action={
        <Button
          size="sm"
          disabled={reason !== null || replay.isPending}
          aria-describedby={reason ? 'replay-skipped-reason' : undefined}
          onClick={() =>
            replay.mutate(undefined, {
              onSuccess: ({ replayed }) =>
                toast(`${plural(replayed, 'skipped delivery', 'skipped deliveries')} replayed`),
            })
          }
        >
          <RotateCcw aria-hidden="true" className="size-4" />
          {replay.isPending ? 'Replaying…' : 'Replay them'}
        </Button>
      }
    >
      <p className="font-medium">
        {count === 1 ? '1 delivery was' : `${count} deliveries were`} skipped while this endpoint
        was disabled.
      </p>
      {reason ? <p id="replay-skipped-reason">{reason}</p> : null}
      {replay.isError ? <ErrorAlert>{errorMessage(replay.error)}</ErrorAlert> : null}
    </Notice>
  );
}
