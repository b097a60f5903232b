import type { WebhookStatus } from '@contract/webhooks';
import { Badge } from '@client/components/ui/badge';

export function WebhookStatusBadge({ status }: { status: WebhookStatus }) {
  return status === 'enabled' ? (
    <Badge tone="success">Enabled</Badge>
  ) : (
    <Badge tone="warning">Disabled</Badge>
  );
}
