/**
 * The Webhook tab's "Recent deliveries": every delivery of the agent's calls (test calls and real
 * ones), newest first. A module of its own, loaded after the tab shows, so that a first visit to the
 * tab downloads no more than the tab itself.
 */
import { ArrowRight } from 'lucide-react';
import { Link } from '@client/lib/router';
import { linkClasses } from '@client/components/ui/link-classes';
import { DeliveriesTable } from '@client/features/deliveries/components/deliveries-table';
import { paths } from '@client/lib/paths';

export function AgentRecentDeliveries({ agentId }: { agentId: string }) {
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="agent-deliveries-heading" className="text-lg font-semibold text-gray-900">
          Recent deliveries
        </h2>
        <Link to={paths.deliveries({ agentId })} className={linkClasses({ variant: 'action' })}>
          View all in Deliveries
          <ArrowRight aria-hidden="true" className="size-3.5" />
        </Link>
      </div>
      <p className="mt-1 mb-4 text-sm text-gray-600">
        What this agent&apos;s calls sent, newest first: test calls and real ones.
      </p>
      <DeliveriesTable
        filters={{ agentId }}
        pageSize={10}
        showAgent={false}
        emptyText="Deliveries appear here when this agent's calls send events to its endpoint, or when you make a test call."
      />
    </>
  );
}
