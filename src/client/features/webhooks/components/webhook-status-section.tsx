import { Power, PowerOff } from 'lucide-react';
import { useState } from 'react';
import type { WebhookDetail } from '@contract/webhooks';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { ConfirmDialog } from '@client/components/ui/confirm-dialog';
import { useToast } from '@client/components/ui/toast';
import { errorMessage } from '@client/lib/api-client';
import { formatDisabled } from '@client/lib/format';
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
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const enabled = webhook.status === 'enabled';
  const pending = enable.isPending || disable.isPending;

  // Disabling stops deliveries to a receiver someone may depend on, so it is asked about first;
  // enabling only resumes them.
  const toggle = () => {
    enable.reset();
    disable.reset();
    if (enabled) setConfirmingDisable(true);
    else enable.mutate(webhook.id, { onSuccess: () => toast('Webhook enabled') });
  };
  const confirmDisable = () =>
    disable.mutate(webhook.id, {
      onSuccess: () => {
        setConfirmingDisable(false);
        toast('Webhook disabled');
      },
    });

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
        <p className="text-sm text-gray-600">{formatDisabled(webhook)}</p>
      ) : null}
      {!enabled ? (
        <p className="text-sm text-gray-600">
          While disabled, events for this endpoint are recorded as skipped and can be sent again
          once it is enabled.
        </p>
      ) : null}
      {enable.error ? <ErrorAlert>{errorMessage(enable.error)}</ErrorAlert> : null}
      <ConfirmDialog
        open={confirmingDisable}
        onOpenChange={setConfirmingDisable}
        title="Disable this endpoint?"
        description="Its events will be recorded as skipped instead of sent until you enable it again. Skipped deliveries can then be sent from this page."
        confirmLabel="Disable"
        onConfirm={confirmDisable}
        pending={disable.isPending}
        error={disable.error}
      />
    </div>
  );
}
