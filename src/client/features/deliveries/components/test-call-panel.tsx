/**
 * A test call followed live: one row per event the agent subscribes to, in call order, each waiting
 * for the platform to publish it, then showing its delivery as the engine sends it.
 */
import { Clock, List, X } from 'lucide-react';
import { useState } from 'react';
import { Link } from '@client/lib/router';
import type { DeliverySummary, TestCallResponse } from '@contract/deliveries';
import { EVENT_TYPE_INFO, sortEventTypes, type EventType } from '@contract/event-type-info';
import { Button, buttonClasses } from '@client/components/ui/button';
import { CopyButton } from '@client/components/ui/copy-button';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader } from '@client/components/ui/table';
import { formatList, formatTime } from '@client/lib/format';
import { paths } from '@client/lib/paths';
import { useDeliveries } from '../api/get-deliveries';
import { isInFlight } from '../utils/delivery-status';
import { DeliveryResponse, DeliveryStatusCell, ViewPayloadButton } from './delivery-cells';
import { LazyDeliveryPayloadDialog } from './lazy-delivery-payload-dialog';

interface Row {
  eventType: EventType;
  publishAt: string | null;
  /** The newest delivery of this event for the call, once it has been published. */
  delivery: DeliverySummary | null;
}

function toRows(
  eventTypes: readonly EventType[],
  call: TestCallResponse,
  items: readonly DeliverySummary[],
): Row[] {
  return sortEventTypes(eventTypes).map((eventType) => ({
    eventType,
    publishAt: call.events.find((e) => e.eventType === eventType)?.publishAt ?? null,
    delivery: items.find((d) => d.eventType === eventType) ?? null,
  }));
}

const settled = (row: Row) => row.delivery !== null && !isInFlight(row.delivery);

/**
 * The platform has not published this event yet. The server stores a test call's three deliveries at
 * once, each due at its publish time, so an untouched pending delivery before that time is still
 * "waiting to be published", not pending.
 */
function unpublished(row: Row, now: number): boolean {
  if (row.delivery === null) return true;
  return (
    row.publishAt !== null &&
    Date.parse(row.publishAt) > now &&
    row.delivery.status === 'pending' &&
    row.delivery.attemptCount === 0
  );
}

function progressText(rows: readonly Row[]): string {
  const label = (row: Row) => EVENT_TYPE_INFO[row.eventType].label;
  const waiting = rows.filter((row) => !settled(row));
  if (waiting.length > 0) return `Waiting for ${formatList(waiting.map(label))}…`;
  const missed = rows.filter((row) => row.delivery?.status !== 'succeeded');
  if (missed.length === 0) {
    return rows.length === 1 ? 'The event was delivered.' : 'Every event was delivered.';
  }
  return `${formatList(missed.map(label))} ${missed.length === 1 ? 'was' : 'were'} not delivered: view the payload to see why.`;
}

export function TestCallPanel({
  agentId,
  call,
  eventTypes,
  onClose,
}: {
  agentId: string;
  call: TestCallResponse;
  /** The events the agent subscribes to: only these are delivered. */
  eventTypes: readonly EventType[];
  onClose: () => void;
}) {
  const [viewing, setViewing] = useState<string | null>(null);
  // Followed by the live stream: each publish and attempt arrives as a change, nothing polls.
  const deliveries = useDeliveries(
    { agentId, callId: call.callId },
    { moving: (page) => !toRows(eventTypes, call, page?.items ?? []).every(settled) },
  );
  const rows = toRows(eventTypes, call, deliveries.data?.items ?? []);
  const startedAt = call.events[0]?.publishAt;
  // "Now" as of the latest answer, which is what the rows describe.
  const now = deliveries.dataUpdatedAt;

  let body;
  if (deliveries.isPending) {
    body = <LoadingSkeleton label="Loading the test call's deliveries" lines={3} />;
  } else if (deliveries.isLoadingError) {
    body = (
      <QueryError
        title="Could not load the test call's deliveries"
        error={deliveries.error}
        onRetry={deliveries.refetch}
      />
    );
  } else {
    body = (
      <Table>
        <TableHead>
          <tr>
            <TableHeader>Event</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Response</TableHeader>
            <TableHeader>Attempts</TableHeader>
            <TableHeader>
              <span className="sr-only">Action</span>
            </TableHeader>
          </tr>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <tr key={row.eventType}>
              <TableCell>
                <span className="block font-medium text-gray-900">
                  {EVENT_TYPE_INFO[row.eventType].label}
                </span>
                <span className="block font-mono text-xs text-gray-600">{row.eventType}</span>
              </TableCell>
              <TableCell>
                {row.delivery && !unpublished(row, now) ? (
                  <DeliveryStatusCell delivery={row.delivery} />
                ) : (
                  <span className="inline-flex items-center gap-1.5 text-sm text-gray-600">
                    <Clock aria-hidden="true" className="size-4" />
                    <span>
                      Waiting to be published
                      {row.publishAt ? (
                        <>
                          {' '}
                          at <time dateTime={row.publishAt}>{formatTime(row.publishAt)}</time>
                        </>
                      ) : null}
                    </span>
                  </span>
                )}
              </TableCell>
              <TableCell>
                {row.delivery && !unpublished(row, now) ? (
                  <DeliveryResponse delivery={row.delivery} />
                ) : null}
              </TableCell>
              <TableCell className="tabular-nums">
                {row.delivery && !unpublished(row, now) ? row.delivery.attemptCount : null}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap">
                {row.delivery && !unpublished(row, now) ? (
                  <ViewPayloadButton delivery={row.delivery} onView={setViewing} />
                ) : null}
              </TableCell>
            </tr>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <section aria-labelledby="test-call-heading" className="mt-8 max-w-3xl">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id="test-call-heading" className="text-lg font-semibold text-gray-900">
            Test call
          </h2>
          <p className="mt-1 text-sm text-gray-600">
            Call <span className="font-mono text-xs break-all text-gray-800">{call.callId}</span>
            <CopyButton value={call.callId} what="call id" className="-my-1 align-middle" />
            {startedAt ? (
              <>
                {' '}
                started at <time dateTime={startedAt}>{formatTime(startedAt)}</time>
              </>
            ) : null}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <Link
            to={paths.call(call.callId)}
            className={buttonClasses({ variant: 'ghost', size: 'sm' })}
          >
            <List aria-hidden="true" className="size-4" />
            View call
          </Link>
          <Button variant="ghost" size="icon" aria-label="Close test call" onClick={onClose}>
            <X aria-hidden="true" className="size-4" />
          </Button>
        </div>
      </div>
      <div className="mt-4 rounded-xl border border-gray-200">{body}</div>
      <p role="status" aria-label="Test call progress" className="mt-3 text-sm text-gray-700">
        {deliveries.data ? progressText(rows) : null}
      </p>
      <LazyDeliveryPayloadDialog deliveryId={viewing} onClose={() => setViewing(null)} />
    </section>
  );
}
