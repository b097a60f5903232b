import { Power, PowerOff } from 'lucide-react';
import type { WebhookDetail } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { useToast } from '@client/components/ui/toast';
import { errorMessage } from '@client/lib/api-client';
import { useDisableWebhook } from '../api/disable-webhook';
import { useEnableWebhook } from '../api/enable-webhook';
import { WebhookStatusBadge } from './webhook-status-badge';

export function WebhookStatusSection({
  webhook,
  canChange,
}: {
  webhook: WebhookDetail;
  canChange: boolean;
}) {
  const enable = useEnableWebhook();
  const disable = useDisableWebhook();
  const { toast } = useToast();
  const enabled = webhook.status === 'enabled';
  const pending = enable.isPending || disable.isPending;
  const error = enable.error ?? disable.error;

  const toggle = () => {
    enable.reset();
    disable.reset();
    if (enabled) {
      disable.mutate(webhook.id, { onSuccess: () => toast('Webhook disabled') });
    } else {
      enable.mutate(webhook.id, { onSuccess: () => toast('Webhook enabled') });
    }
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <WebhookStatusBadge status={webhook.status} />
        {canChange ? (
          <Button size="sm" onClick={toggle} disabled={pending}>
            {enabled ? (
              <PowerOff aria-hidden="true" className="size-4" />
            ) : (
              <Power aria-hidden="true" className="size-4" />
            )}
            {enabled ? 'Disable' : 'Enable'}
          </Button>
        ) : null}
      </div>
      {!enabled && webhook.disabledReason ? (
        <p className="text-sm text-gray-600">{webhook.disabledReason}</p>
      ) : null}
      {!enabled ? (
        <p className="text-sm text-gray-600">
          While disabled, events for this endpoint are recorded as skipped and can be sent again
          once it is enabled.
        </p>
      ) : null}
      {error ? <ErrorAlert>{errorMessage(error)}</ErrorAlert> : null}
    </div>
  );
}
