/** The cells every table of deliveries shares: time, status, event, call, response. */
import { Link } from '@client/lib/router';
import type { DeliverySummary } from '@contract/deliveries';
import { Badge } from '@client/components/ui/badge';
import { Button } from '@client/components/ui/button';
import { CopyButton } from '@client/components/ui/copy-button';
import { linkClasses } from '@client/components/ui/link-classes';
import { cn } from '@client/lib/cn';
import { formatPreciseDateTime, formatTime } from '@client/lib/format';
import { paths } from '@client/lib/paths';
import { FAILURE_CATEGORY_LABELS, eventLabel, waitingText } from '../utils/delivery-status';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { preloadDeliveryPayloadDialog } from './lazy-delivery-payload-dialog';

/** When the delivery was created, to the second. */
export function DeliveryTime({ delivery }: { delivery: DeliverySummary }) {
  return (
    <time dateTime={delivery.createdAt} className="whitespace-nowrap tabular-nums">
      {formatPreciseDateTime(delivery.createdAt)}
    </time>
  );
}

/** The status badge and, under it, what it waits for or when it is tried again. */
export function DeliveryStatusCell({
  delivery,
  wrap = false,
}: {
  delivery: DeliverySummary;
  /** Let the note wrap in a narrow column. */
  wrap?: boolean;
}) {
  let note: string | null = null;
  if (delivery.waitingFor) {
    note = waitingText(delivery.waitingFor);
  } else if (delivery.status === 'pending' && delivery.attemptCount > 0 && delivery.nextAttemptAt) {
    note = `Retry at ${formatTime(delivery.nextAttemptAt)}`;
  }
  return (
    <>
      <DeliveryStatusBadge status={delivery.status} />
      {note ? (
        <span
          className={cn(
            'mt-0.5 block text-xs leading-tight text-gray-600',
            wrap ? 'line-clamp-2 whitespace-normal' : 'whitespace-nowrap',
          )}
        >
          {note}
        </span>
      ) : null}
    </>
  );
}

/** The event's label (Start, End, Analytics Completed), marked when it was a test event. */
export function DeliveryEventCell({
  delivery,
  showAgent = false,
}: {
  delivery: DeliverySummary;
  /** The agent under the label, where the table has no agent column of its own. */
  showAgent?: boolean;
}) {
  return (
    <>
      <span className="flex flex-wrap items-center gap-2">
        <span className="font-medium whitespace-nowrap text-gray-900">
          {eventLabel(delivery.eventType)}
        </span>
        {delivery.isTest ? <Badge>Test</Badge> : null}
      </span>
      {showAgent ? (
        <span className="mt-0.5 block text-xs text-gray-600">
          {delivery.agentName ?? 'Test event, no agent'}
        </span>
      ) : null}
    </>
  );
}

/** The call id, linking to the call's view, with a copy button. */
export function DeliveryCallCell({ callId }: { callId: string }) {
  return (
    <span className="flex min-w-0 items-center gap-0.5">
      <Link
        to={paths.call(callId)}
        title={callId}
        className={linkClasses({ className: 'min-w-0 truncate font-mono text-xs' })}
      >
        {callId}
      </Link>
      <CopyButton value={callId} what="call id" label={`Copy call id ${callId}`} />
    </span>
  );
}

/**
 * The answer in one cell: the HTTP status when there was one, otherwise why there was none, with the
 * engine's message (a timeout names its limit).
 */
export function DeliveryResponse({
  delivery,
  withMessage = true,
}: {
  delivery: DeliverySummary;
  withMessage?: boolean;
}) {
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
        <span className="whitespace-nowrap">
          {FAILURE_CATEGORY_LABELS[delivery.lastErrorCategory]}
        </span>
        {withMessage && delivery.lastError ? (
          <span className="mt-0.5 block text-xs text-gray-700">{delivery.lastError}</span>
        ) : null}
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
      aria-label={`View payload of ${eventLabel(delivery.eventType)} of call ${delivery.callId} created ${formatPreciseDateTime(delivery.createdAt)}`}
      onClick={() => onView(delivery.id)}
      onPointerEnter={preloadDeliveryPayloadDialog}
      onFocus={preloadDeliveryPayloadDialog}
    >
      View payload
    </Button>
  );
}
