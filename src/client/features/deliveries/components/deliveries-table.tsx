import { Inbox } from 'lucide-react';
import { useState } from 'react';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { EmptyState } from '@client/components/ui/empty-state';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader } from '@client/components/ui/table';
import { errorMessage } from '@client/lib/api-client';
import type { DeliveryFilters } from '../api/delivery-keys';
import { useDeliveryPages } from '../api/get-deliveries';
import {
  DeliveryCallCell,
  DeliveryEventCell,
  DeliveryResponse,
  DeliveryStatusCell,
  DeliveryTime,
  ViewPayloadButton,
} from './delivery-cells';
import { LazyDeliveryPayloadDialog } from './lazy-delivery-payload-dialog';

/**
 * Recent deliveries of an endpoint or an agent, newest first, a page at a time ("Load more"). The live
 * stream keeps the rows current while the page is open; "View payload" opens a delivery.
 */
export function DeliveriesTable({
  filters,
  pageSize,
  showAgent = true,
  emptyText = 'Deliveries appear here when an agent sends an event to this endpoint, or when you send a test event.',
}: {
  filters: DeliveryFilters;
  pageSize?: number;
  /** The agent under each event (an endpoint's list); off where every row is the same agent's. */
  showAgent?: boolean;
  emptyText?: string;
}) {
  const deliveries = useDeliveryPages(filters, { pageSize });
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
              <TableHeader>Time</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Event</TableHeader>
              <TableHeader>Call id</TableHeader>
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
                <TableCell className="text-gray-900">
                  <DeliveryTime delivery={delivery} />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <DeliveryStatusCell delivery={delivery} />
                </TableCell>
                <TableCell>
                  <DeliveryEventCell delivery={delivery} showAgent={showAgent} />
                </TableCell>
                <TableCell className="max-w-56">
                  <DeliveryCallCell callId={delivery.callId} />
                </TableCell>
                <TableCell className="max-w-64">
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
      <LazyDeliveryPayloadDialog deliveryId={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
