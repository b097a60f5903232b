import type { DeliverySummary, FailureCategory } from '@contract/deliveries';
import { Button } from '@client/components/ui/button';
import { formatDateTime } from '@client/lib/format';
import { preloadDeliveryPayloadDialog } from './lazy-delivery-payload-dialog';

/** Short names for why no HTTP answer came back; the full message is in the title and the payload dialog. */
const FAILURE_LABELS: Record<FailureCategory, string> = {
  dns: 'DNS failure',
  connect: 'Connection failed',
  tls: 'TLS error',
  timeout: 'Timed out',
  http_status: 'HTTP error',
  redirect: 'Redirect',
  blocked: 'Blocked address',
  endpoint_disabled: 'Endpoint disabled',
};

/** The answer in one cell: the HTTP status when there was one, otherwise why there was none. */
export function DeliveryResponse({ delivery }: { delivery: DeliverySummary }) {
  if (delivery.responseStatus !== null) {
    const ok = delivery.responseStatus >= 200 && delivery.responseStatus < 300;
    return (
      <span className={ok ? 'font-mono text-gray-900' : 'font-mono font-medium text-red-800'}>
        {delivery.responseStatus}
      </span>
    );
  }
  if (delivery.status === 'skipped') {
    // Not a failure of the receiver: nothing was sent.
    return (
      <span className="text-gray-600" title={delivery.lastError ?? undefined}>
        Not sent
      </span>
    );
  }
  if (delivery.lastErrorCategory) {
    return (
      <span className="text-red-800" title={delivery.lastError ?? undefined}>
        {FAILURE_LABELS[delivery.lastErrorCategory]}
      </span>
    );
  }
  return (
    <>
      <span aria-hidden="true" className="text-gray-500">
        —
      </span>
      <span className="sr-only">None yet</span>
    </>
  );
}

/** The "View payload" button, named for its row so that a screen reader's list of buttons makes sense. */
export function ViewPayloadButton({
  delivery,
  onView,
}: {
  delivery: DeliverySummary;
  onView: (deliveryId: string) => void;
}) {
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-label={`View payload of ${delivery.event} created ${formatDateTime(delivery.createdAt)}`}
      onClick={() => onView(delivery.id)}
      onPointerEnter={preloadDeliveryPayloadDialog}
      onFocus={preloadDeliveryPayloadDialog}
    >
      View payload
    </Button>
  );
}
