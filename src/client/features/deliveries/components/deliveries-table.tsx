import { Inbox } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '@client/components/ui/alert';
import { Badge } from '@client/components/ui/badge';
import { Button } from '@client/components/ui/button';
import { EmptyState } from '@client/components/ui/empty-state';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader } from '@client/components/ui/table';
import { errorMessage } from '@client/lib/api-client';
import { formatDateTime, formatTime } from '@client/lib/format';
import type { DeliveryFilters } from '../api/delivery-keys';
import { useDeliveryPages } from '../api/get-deliveries';
import { DeliveryResponse, ViewPayloadButton } from './delivery-cells';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { LazyDeliveryPayloadDialog } from './lazy-delivery-payload-dialog';

/**
 * An endpoint's recent deliveries, newest first, a page at a time. Rows still on their way update
 * in place (the list polls until they settle); "View payload" opens the delivery.
 */
export function DeliveriesTable({
  filters,
  pollMs,
  emptyText = 'Deliveries appear here when an agent sends an event to this endpoint, or when you send a test event.',
}: {
  filters: DeliveryFilters;
  pollMs?: number;
  emptyText?: string;
}) {
  const deliveries = useDeliveryPages(filters, { pollMs });
  const [viewing, setViewing] = useState<string | null>(null);

  if (deliveries.isPending) return <LoadingSkeleton label="Loading deliveries" lines={4} />;
  if (deliveries.isLoadingError) {
    return (
      <QueryError
        title="Could not load deliveries"
        error={deliveries.error}
        onRetry={deliveries.refetch}
      />
    );
  }
  const items = deliveries.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <EmptyState icon={<Inbox aria-hidden="true" className="size-5" />} title="No deliveries yet">
        {emptyText}
      </EmptyState>
    );
  }

  return (
    <div className="space-y-4">
      <div className="rounded-xl border border-gray-200">
        <Table>
          <TableHead>
            <tr>
              <TableHeader>Created on</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Event type</TableHeader>
              <TableHeader>Response</TableHeader>
              <TableHeader>Attempts</TableHeader>
              <TableHeader>
                <span className="sr-only">Action</span>
              </TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {items.map((delivery) => (
              <tr key={delivery.id} className="hover:bg-gray-50">
                <TableCell className="whitespace-nowrap text-gray-900">
                  <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt)}</time>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <DeliveryStatusBadge status={delivery.status} />
                  {delivery.status === 'pending' &&
                  delivery.attemptCount > 0 &&
                  delivery.nextAttemptAt ? (
                    <span className="mt-1 block text-xs text-gray-600">
                      Retry at{' '}
                      <time dateTime={delivery.nextAttemptAt}>
                        {formatTime(delivery.nextAttemptAt)}
                      </time>
                    </span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-[13px] text-gray-900">{delivery.event}</span>
                    {delivery.isTest ? <Badge>Test</Badge> : null}
                  </span>
                  {delivery.agentName ? (
                    <span className="block text-xs text-gray-600">{delivery.agentName}</span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <DeliveryResponse delivery={delivery} />
                </TableCell>
                <TableCell className="tabular-nums">{delivery.attemptCount}</TableCell>
                <TableCell className="text-right whitespace-nowrap">
                  <ViewPayloadButton delivery={delivery} onView={setViewing} />
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      </div>
      {deliveries.isFetchNextPageError ? (
        <ErrorAlert>{errorMessage(deliveries.error)}</ErrorAlert>
      ) : null}
      {deliveries.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            onClick={() => void deliveries.fetchNextPage()}
            disabled={deliveries.isFetchingNextPage}
          >
            {deliveries.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
      <LazyDeliveryPayloadDialog
        deliveryId={viewing}
        pollMs={pollMs}
        onClose={() => setViewing(null)}
      />
    </div>
  );
}
