import { useState } from 'react';
import { Outlet, useMatch, useNavigate, useSearchParams } from '@client/lib/router';
import { PageBody, PageHeader, PageTitle } from '@client/components/layout/page';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { Button } from '@client/components/ui/button';
import { LiveIndicator } from '@client/components/ui/live-indicator';
import { useAgents } from '@client/features/agents/api/get-agents';
import type { DeliveryFilters } from '@client/features/deliveries/api/delivery-keys';
import { DeliveriesList } from '@client/features/deliveries/components/deliveries-list';
import { DeliveryFilterBar } from '@client/features/deliveries/components/delivery-filters';
import {
  parseDeliverySearch,
  toDeliverySearch,
} from '@client/features/deliveries/utils/delivery-search';
import { useWebhooks } from '@client/features/webhooks/api/get-webhooks';
import { formatCount } from '@client/lib/format';
import { useLiveUpdates } from '@client/lib/live-updates';
import { paths } from '@client/lib/paths';

/**
 * Monitor → Deliveries: every delivery of the organisation, found by a call id, a delivery id or a
 * `webhook-id`, narrowed by filters. The search and the filters live in the URL, so a link shows the
 * same list to a colleague; each change is a new history entry, so Back undoes it. A delivery opens
 * over the list at `/deliveries/:deliveryId` (the child route), which keeps the list as it was.
 */
export function DeliveriesRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const live = useLiveUpdates();
  const filters = parseDeliverySearch(searchParams);
  const open = useMatch('/deliveries/:deliveryId');
  const [count, setCount] = useState<{ loaded: number; more: boolean } | null>(null);
  // The filters' choices are other features' data: the page asks for them and hands them over.
  const webhooks = useWebhooks();
  const agents = useAgents();

  const setFilters = (next: DeliveryFilters) =>
    void navigate(paths.deliveries(toDeliverySearch(next)));

  return (
    <>
      <title>Deliveries · Ringpost</title>
      <PageHeader actions={<LiveIndicator state={live} />}>
        <Breadcrumb items={[{ label: 'Deliveries' }]} />
      </PageHeader>
      <PageBody wide className="space-y-6">
        <div>
          <PageTitle>
            Deliveries
            {count ? (
              <span className="ml-3 text-base font-normal text-gray-600">
                {formatCount(count.loaded)}
                {count.more ? '+' : ''}
                <span className="sr-only"> shown</span>
              </span>
            ) : null}
          </PageTitle>
          <p className="mt-1 text-sm text-gray-600">
            Every request sent to your endpoints, newest first, with what came back.
          </p>
        </div>
        <DeliveryFilterBar
          filters={filters}
          onChange={setFilters}
          endpoints={webhooks.data?.items.map((w) => ({ value: w.id, label: w.url }))}
          agents={agents.data?.items.map((a) => ({ value: a.id, label: a.name }))}
        />
        <DeliveriesList
          filters={filters}
          selectedId={open?.params.deliveryId}
          onCountChange={setCount}
          emptyAction={<Button onClick={() => setFilters({})}>Clear filters</Button>}
        />
      </PageBody>
      <Outlet />
    </>
  );
}
