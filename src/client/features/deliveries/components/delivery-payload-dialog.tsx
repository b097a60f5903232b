/**
 * A delivery in a dialog: in the middle of the page ("View payload" in an endpoint's deliveries, the
 * Webhook tab and a test call) or as a panel at the right edge over the Deliveries page's list, which
 * stays where it was underneath. The content is the same everywhere (delivery-detail.tsx).
 */
import { FileJson } from 'lucide-react';
import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogHeader,
  DialogTitle,
} from '@client/components/ui/dialog';
import { CopyButton } from '@client/components/ui/copy-button';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { isApiError } from '@client/lib/api-client';
import { useDelivery } from '../api/get-delivery';
import { eventLabel } from '../utils/delivery-status';
import { DeliveryDetailView } from './delivery-detail';

export function DeliveryPayloadDialog({
  deliveryId,
  open,
  onOpenChange,
  placement = 'center',
  showCallLink = true,
  deliveryLink,
}: {
  deliveryId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  placement?: 'center' | 'right';
  /** "View call" beside the call id; not in the call view itself. */
  showCallLink?: boolean;
  /** Where a link to another delivery (the one this waits for) goes. */
  deliveryLink?: (deliveryId: string) => string;
}) {
  const delivery = useDelivery(deliveryId);

  let body;
  if (delivery.isPending) {
    body = <LoadingSkeleton label="Loading delivery" lines={6} />;
  } else if (delivery.isError) {
    body = (
      <QueryError
        title={
          isApiError(delivery.error) && delivery.error.status === 404
            ? 'There is no such delivery'
            : 'Could not load this delivery'
        }
        error={delivery.error}
        onRetry={delivery.refetch}
      />
    );
  } else {
    body = (
      <DeliveryDetailView
        delivery={delivery.data}
        readAt={delivery.dataUpdatedAt}
        showCallLink={showCallLink}
        deliveryLink={deliveryLink}
      />
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent aria-describedby={undefined} size="2xl" placement={placement}>
        <DialogHeader bordered icon={<FileJson aria-hidden="true" className="size-5" />}>
          <DialogTitle>
            {delivery.data ? `${eventLabel(delivery.data.eventType)} delivery` : 'Delivery'}
          </DialogTitle>
          <p className="mt-0.5 flex items-center gap-1 font-mono text-xs break-all text-gray-600">
            {deliveryId}
            <CopyButton value={deliveryId} what="delivery id" label="Copy delivery id" />
          </p>
        </DialogHeader>
        <DialogBody>{body}</DialogBody>
      </DialogContent>
    </Dialog>
  );
}
