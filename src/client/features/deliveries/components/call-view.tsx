/**
 * One call's deliveries in the order the call happened: per endpoint, Start → End → Analytics
 * Completed, each with its outcome, when it was created and completed, and the time between the call's
 * events; a small timeline draws the same (and says so in text for screen readers). Each delivery
 * opens in the Deliveries page, narrowed to this call.
 */
import { ArrowRight, PhoneOff } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from '@client/lib/router';
import type { DeliverySummary } from '@contract/deliveries';
import { Badge } from '@client/components/ui/badge';
import { CopyButton } from '@client/components/ui/copy-button';
import { EmptyState } from '@client/components/ui/empty-state';
import { linkClasses } from '@client/components/ui/link-classes';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { isApiError } from '@client/lib/api-client';
import { cn } from '@client/lib/cn';
import { formatGap, formatPreciseDateTime, formatTime, plural } from '@client/lib/format';
import { paths } from '@client/lib/paths';
import { useCall } from '../api/get-call';
import { eventLabel, isInFlight, waitingText } from '../utils/delivery-status';
import { DeliveryResponse } from './delivery-cells';
import { DeliveryStatusBadge } from './delivery-status-badge';

interface EndpointGroup {
  webhookId: string;
  webhookUrl: string;
  deliveries: DeliverySummary[];
}

/** The server's order (by endpoint, then call order), grouped by endpoint. */
function groupByEndpoint(deliveries: readonly DeliverySummary[]): EndpointGroup[] {
  const groups = new Map<string, EndpointGroup>();
  for (const delivery of deliveries) {
    const group = groups.get(delivery.webhookId) ?? {
      webhookId: delivery.webhookId,
      webhookUrl: delivery.webhookUrl,
      deliveries: [],
    };
    group.deliveries.push(delivery);
    groups.set(delivery.webhookId, group);
  }
  return [...groups.values()];
}

const BAR_TONES = {
  succeeded: 'bg-green-600',
  failed: 'bg-red-600',
  skipped: 'bg-amber-500',
  pending: 'bg-gray-400',
  delivering: 'bg-gray-400',
} as const;

/** Each delivery as a bar from created to completed (or to now, while on its way) on one time axis. */
function Timeline({ deliveries, now }: { deliveries: DeliverySummary[]; now: number }) {
  const end = (d: DeliverySummary) => (d.completedAt ? Date.parse(d.completedAt) : now);
  const start = Math.min(...deliveries.map((d) => Date.parse(d.createdAt)));
  const finish = Math.max(...deliveries.map(end), start + 1);
  const span = finish - start;
  return (
    <div aria-hidden="true" className="space-y-1.5 rounded-lg bg-gray-50 p-3">
      {deliveries.map((d) => {
        const left = ((Date.parse(d.createdAt) - start) / span) * 100;
        const width = Math.max(((end(d) - Date.parse(d.createdAt)) / span) * 100, 0.8);
        return (
          <div key={d.id} className="flex items-center gap-3">
            <span className="w-36 shrink-0 truncate text-xs text-gray-700">
              {eventLabel(d.eventType)}
            </span>
            <span className="relative h-2.5 flex-1 rounded-full bg-gray-200">
              <span
                className={cn(
                  'absolute inset-y-0 rounded-full',
                  BAR_TONES[d.status],
                  isInFlight(d) && 'animate-pulse',
                )}
                style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
              />
            </span>
          </div>
        );
      })}
      <div className="flex justify-between pl-39 text-[11px] text-gray-600 tabular-nums">
        <span>{formatTime(new Date(start).toISOString())}</span>
        <span>{formatTime(new Date(finish).toISOString())}</span>
      </div>
    </div>
  );
}

function DeliveryStep({
  delivery,
  previous,
  callId,
}: {
  delivery: DeliverySummary;
  previous: DeliverySummary | undefined;
  callId: string;
}) {
  const created = Date.parse(delivery.createdAt);
  return (
    <li className="relative pl-6">
      <span
        aria-hidden="true"
        className={cn(
          'absolute top-1.5 left-0 size-3 rounded-full ring-4 ring-white',
          BAR_TONES[delivery.status],
        )}
      />
      {previous ? (
        <p className="mb-1 text-xs text-gray-600">
          {formatGap(created - Date.parse(previous.createdAt))} after{' '}
          {eventLabel(previous.eventType)}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 className="font-medium text-gray-900">{eventLabel(delivery.eventType)}</h3>
        <DeliveryStatusBadge status={delivery.status} />
        {delivery.isTest ? <Badge>Test</Badge> : null}
        <Link
          to={paths.delivery(delivery.id, { q: callId })}
          className={linkClasses({ variant: 'action', className: 'ml-auto' })}
          aria-label={`Open delivery: ${eventLabel(delivery.eventType)} to ${delivery.webhookUrl}`}
        >
          Open delivery
          <ArrowRight aria-hidden="true" className="size-3.5" />
        </Link>
      </div>
      <dl className="mt-1.5 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[7rem_1fr]">
        <dt className="text-gray-600">Created</dt>
        <dd className="text-gray-900">
          <time dateTime={delivery.createdAt}>{formatPreciseDateTime(delivery.createdAt)}</time>
        </dd>
        <dt className="text-gray-600">{delivery.completedAt ? 'Completed' : 'So far'}</dt>
        <dd className="text-gray-900">
          {delivery.completedAt ? (
            <>
              <time dateTime={delivery.completedAt}>{formatTime(delivery.completedAt)}</time>{' '}
              <span className="text-gray-600">
                ({formatGap(Date.parse(delivery.completedAt) - created)} after it was created)
              </span>
            </>
          ) : delivery.waitingFor ? (
            waitingText(delivery.waitingFor)
          ) : delivery.nextAttemptAt ? (
            <>
              Next attempt at{' '}
              <time dateTime={delivery.nextAttemptAt}>{formatTime(delivery.nextAttemptAt)}</time>
            </>
          ) : (
            'On its way'
          )}
        </dd>
        <dt className="text-gray-600">Outcome</dt>
        <dd className="text-gray-900">
          {plural(delivery.attemptCount, 'attempt', 'attempts')}
          {delivery.attemptCount > 0 || delivery.lastErrorCategory ? (
            <>
              {', last response '}
              <DeliveryResponse delivery={delivery} />
            </>
          ) : null}
        </dd>
      </dl>
    </li>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-gray-600">{term}</dt>
      <dd className="mt-0.5 text-sm text-gray-900">{children}</dd>
    </div>
  );
}

export function CallView({ callId, emptyAction }: { callId: string; emptyAction?: ReactNode }) {
  const call = useCall(callId);

  if (call.isPending) return <LoadingSkeleton label="Loading the call's deliveries" />;
  if (call.isError && !(isApiError(call.error) && call.error.status === 404)) {
    return (
      <QueryError
        title="Could not load the call's deliveries"
        error={call.error}
        onRetry={call.refetch}
      />
    );
  }
  const deliveries = call.data?.deliveries ?? [];
  if (deliveries.length === 0) {
    return (
      <EmptyState
        headingLevel={2}
        icon={<PhoneOff aria-hidden="true" className="size-5" />}
        title="No deliveries for this call"
        action={emptyAction}
      >
        Nothing was sent for this call id: its agent may have no webhook, or subscribe to none of
        the call&apos;s events. Check the id: call ids are matched exactly.
      </EmptyState>
    );
  }

  const groups = groupByEndpoint(deliveries);
  const first = deliveries.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
  const settled = deliveries.filter((d) => !isInFlight(d)).length;
  const now = call.dataUpdatedAt;

  return (
    <div className="max-w-4xl space-y-8">
      <dl className="flex flex-wrap gap-x-10 gap-y-3">
        <Fact term="Agent">{call.data?.agentName ?? 'None (test events)'}</Fact>
        <Fact term="First event">
          <time dateTime={first.createdAt}>{formatPreciseDateTime(first.createdAt)}</time>
        </Fact>
        <Fact term="Deliveries">
          {plural(deliveries.length, 'delivery', 'deliveries')} to{' '}
          {plural(groups.length, 'endpoint', 'endpoints')}
          {settled < deliveries.length ? `, ${deliveries.length - settled} on their way` : ''}
        </Fact>
      </dl>
      {groups.map((group) => (
        <section
          key={group.webhookId}
          aria-label={`Endpoint ${group.webhookUrl}`}
          className="space-y-4 rounded-xl border border-gray-200 p-5"
        >
          <h2 className="flex flex-wrap items-center gap-x-2 text-[15px] font-semibold text-gray-900">
            <span>Endpoint</span>{' '}
            <Link
              to={paths.webhook(group.webhookId)}
              className={linkClasses({ className: 'font-normal break-all' })}
            >
              {group.webhookUrl}
            </Link>
            <CopyButton value={group.webhookUrl} what="endpoint URL" />
          </h2>
          <Timeline deliveries={group.deliveries} now={now} />
          <ol aria-label={`Deliveries to ${group.webhookUrl}`} className="space-y-5">
            {group.deliveries.map((delivery, index) => (
              <DeliveryStep
                key={delivery.id}
                delivery={delivery}
                previous={group.deliveries[index - 1]}
                callId={callId}
              />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
