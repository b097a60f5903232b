import type { DeliveryStatus } from '@contract/deliveries';
import { Badge } from '@client/components/ui/badge';
import { DELIVERY_STATUS_INFO } from '../utils/delivery-status';

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { label, tone } = DELIVERY_STATUS_INFO[status];
  return <Badge tone={tone}>{label}</Badge>;
}
