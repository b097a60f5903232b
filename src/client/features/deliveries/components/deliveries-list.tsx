/**
 * The Deliveries page's list: every delivery the filters match, newest first, fetched a page at a time
 * by keyset (the server's cursor) as the list is scrolled, and virtualised, so that thousands of loaded
 * rows cost the same as fifty. There is no total count (counting a million rows is what keyset pages
 * avoid): the list says how many it shows and whether more are below.
 *
 * Keyboard: each row's time is a link that opens the delivery (Tab reaches it, Enter opens it), and
 * ArrowUp / ArrowDown move between rows, scrolling the list as they go.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowRight, Inbox, SearchX } from 'lucide-react';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Link, useNavigate } from '@client/lib/router';
import type { DeliverySummary } from '@contract/deliveries';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { EmptyState } from '@client/components/ui/empty-state';
import { linkClasses } from '@client/components/ui/link-classes';
import { Notice } from '@client/components/ui/notice';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { errorMessage } from '@client/lib/api-client';
import { cn } from '@client/lib/cn';
import {
  formatCompactDateTime,
  formatCount,
  formatDuration,
  formatPreciseDateTime,
  plural,
} from '@client/lib/format';
import { paths } from '@client/lib/paths';
import type { DeliveryFilters } from '../api/delivery-keys';
import { useDeliveryPages } from '../api/get-deliveries';
import { hasFilters, toDeliverySearch } from '../utils/delivery-search';
import { eventLabel } from '../utils/delivery-status';
import {
  DeliveryCallCell,
  DeliveryEventCell,
  DeliveryResponse,
  DeliveryStatusCell,
} from './delivery-cells';
import { preloadDeliveryPayloadDialog } from './lazy-delivery-payload-dialog';

export const INSPECTOR_PAGE_SIZE = 50;
/** Every row is this high (two short lines at most), so the list never jumps while it scrolls. */
const ROW_HEIGHT = 60;
/** Start fetching the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 15;

/** Narrow enough for the nine columns to fit a 1440 px screen beside the sidebar. */
const COLUMNS = [
  { header: 'Time', width: 'w-[8.75rem]' },
  { header: 'Status', width: 'w-[8.5rem]' },
  { header: 'Event', width: 'w-[9rem]' },
  { header: 'Agent', width: 'w-[7.5rem]' },
  { header: 'Endpoint', width: 'w-[9.5rem]' },
  { header: 'Call id', width: 'w-[9.5rem]' },
  { header: 'Attempts', width: 'w-[5.25rem]' },
  { header: 'Last response', width: 'w-[7.5rem]' },
  { header: 'Latency', width: 'w-[5rem]' },
] as const;

/** The endpoint's host and path, without the scheme every one of them shares. */
function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

function rowLabel(delivery: DeliverySummary): string {
  return `Open ${eventLabel(delivery.eventType)} delivery created ${formatPreciseDateTime(delivery.createdAt)}`;
}

function Row({
  delivery,
  index,
  href,
  selected,
  onKeyDown,
}: {
  delivery: DeliverySummary;
  index: number;
  href: string;
  selected: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLAnchorElement>, index: number) => void;
}) {
  const navigate = useNavigate();
  const cell = 'truncate px-2 py-1 align-middle text-[13px] text-gray-700';
  return (
    <tr
      aria-rowindex={index + 2}
      style={{ height: ROW_HEIGHT }}
      className={cn(
        'cursor-pointer border-b border-gray-100',
        selected ? 'bg-brand-50' : 'hover:bg-gray-50',
      )}
      onPointerEnter={preloadDeliveryPayloadDialog}
      onClick={(event) => {
        // Clicks on the row's own links and buttons do what they say.
        if ((event.target as HTMLElement).closest('a, button')) return;
        void navigate(href, { state: { fromList: true } });
      }}
    >
      <td className={cell}>
        <Link
          to={href}
          state={{ fromList: true }}
          data-row-link={index}
          aria-label={rowLabel(delivery)}
          aria-current={selected ? 'true' : undefined}
          onFocus={preloadDeliveryPayloadDialog}
          onKeyDown={(event) => onKeyDown(event, index)}
          className={linkClasses({ className: 'whitespace-nowrap tabular-nums' })}
        >
          <time dateTime={delivery.createdAt} title={formatPreciseDateTime(delivery.createdAt)}>
            {formatCompactDateTime(delivery.createdAt)}
          </time>
        </Link>
      </td>
      <td className={cn(cell, 'whitespace-normal')}>
        <DeliveryStatusCell delivery={delivery} wrap />
      </td>
      <td className={cell}>
        <DeliveryEventCell delivery={delivery} />
      </td>
      <td className={cell} title={delivery.agentName ?? undefined}>
        {delivery.agentName ?? <span className="text-gray-600">Test event</span>}
      </td>
      <td className={cell} title={delivery.webhookUrl}>
        {shortUrl(delivery.webhookUrl)}
      </td>
      <td className={cell}>
        <DeliveryCallCell callId={delivery.callId} />
      </td>
      <td className={cn(cell, 'tabular-nums')}>{delivery.attemptCount}</td>
      <td className={cell}>
        <span className="line-clamp-2 whitespace-normal">
          <DeliveryResponse delivery={delivery} withMessage={false} />
        </span>
      </td>
      <td className={cn(cell, 'tabular-nums')}>
        {delivery.latencyMs === null ? (
          <>
            <span aria-hidden="true" className="text-gray-500">
              —
            </span>
            <span className="sr-only">None yet</span>
          </>
        ) : (
          formatDuration(delivery.latencyMs)
        )}
      </td>
    </tr>
  );
}

/** When the search found one call, a way to its timeline. */
function CallSearchNotice({
  filters,
  items,
}: {
  filters: DeliveryFilters;
  items: DeliverySummary[];
}) {
  const first = items[0];
  if (!filters.q || !first || items.some((d) => d.callId !== filters.q)) return null;
  return (
    <Notice
      action={
        <Link to={paths.call(first.callId)} className={linkClasses({ variant: 'action' })}>
          View the call
          <ArrowRight aria-hidden="true" className="size-3.5" />
        </Link>
      }
    >
      <p>
        These are the deliveries of call <span className="font-mono text-xs">{first.callId}</span>:
        its timeline shows them Start → End → Analytics Completed per endpoint.
      </p>
    </Notice>
  );
}

export function DeliveriesList({
  filters,
  selectedId,
  emptyAction,
  onCountChange,
}: {
  filters: DeliveryFilters;
  /** The delivery open in the side panel, marked in the list. */
  selectedId?: string;
  /** What the empty state offers when filters hide everything ("Clear filters"). */
  emptyAction?: ReactNode;
  /** How many rows are loaded and whether there are more (the page's heading says "50+"). */
  onCountChange?: (count: { loaded: number; more: boolean } | null) => void;
}) {
  const deliveries = useDeliveryPages(filters, { pageSize: INSPECTOR_PAGE_SIZE });
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages = deliveries.data?.pages;
  const items = useMemo(() => pages?.flatMap((page) => page.items) ?? [], [pages]);
  const search = toDeliverySearch(filters);

  // Column widths are fixed and so is each row, so the virtualiser needs no measuring. (The React
  // Compiler is not used here; the lint rule only warns that it would skip this component.)
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = deliveries;

  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !isFetchNextPageError &&
      lastIndex >= items.length - PREFETCH_ROWS
    ) {
      void fetchNextPage();
    }
  }, [
    hasNextPage,
    isFetchingNextPage,
    isFetchNextPageError,
    lastIndex,
    items.length,
    fetchNextPage,
  ]);

  // New deliveries arrive at the top: keep the rows someone is reading where they are.
  const firstId = items[0]?.id;
  const previousFirst = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const before = previousFirst.current;
    previousFirst.current = firstId;
    if (!scroller || !before || before === firstId || scroller.scrollTop === 0) return;
    const moved = items.findIndex((d) => d.id === before);
    if (moved > 0) scroller.scrollTop += moved * ROW_HEIGHT;
  }, [firstId, items]);

  const loaded = items.length;
  const more = hasNextPage;
  useEffect(() => {
    onCountChange?.(deliveries.data ? { loaded, more } : null);
  }, [onCountChange, deliveries.data, loaded, more]);

  if (deliveries.isPending) return <LoadingSkeleton label="Loading deliveries" lines={8} />;
  if (deliveries.isLoadingError) {
    return (
      <QueryError
        title="Could not load deliveries"
        error={deliveries.error}
        onRetry={deliveries.refetch}
      />
    );
  }
  if (items.length === 0) {
    return hasFilters(filters) ? (
      <EmptyState
        headingLevel={2}
        icon={<SearchX aria-hidden="true" className="size-5" />}
        title="No deliveries match"
        action={emptyAction}
      >
        {filters.q
          ? 'Nothing has this call id, delivery id or webhook-id with these filters. Check the id, or clear the filters.'
          : 'Try another status, event, endpoint, agent, failure or time range.'}
      </EmptyState>
    ) : (
      <EmptyState
        headingLevel={2}
        icon={<Inbox aria-hidden="true" className="size-5" />}
        title="No deliveries yet"
      >
        Deliveries appear here when an agent sends an event to an endpoint, or when you send a test
        event from an endpoint&apos;s page.
      </EmptyState>
    );
  }

  const paddingTop = rows[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);

  /** ArrowUp / ArrowDown from a row's link: the next row's link, scrolled into view. */
  const moveFocus = (event: KeyboardEvent<HTMLAnchorElement>, from: number) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const to = from + (event.key === 'ArrowDown' ? 1 : -1);
    if (to < 0 || to >= items.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(to, { align: 'auto' });
    const focus = (tries: number) => {
      const link = scrollRef.current?.querySelector<HTMLElement>(`[data-row-link="${to}"]`);
      if (link) link.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(5);
  };

  return (
    <div className="space-y-3">
      <CallSearchNotice filters={filters} items={items} />
      <div
        ref={scrollRef}
        data-virtual-viewport
        className="h-[calc(100vh-22rem)] min-h-[24rem] overflow-auto rounded-xl border border-gray-200"
      >
        <table
          aria-label="Deliveries"
          aria-rowcount={-1}
          className="w-full min-w-[70.5rem] table-fixed border-collapse text-left text-sm"
        >
          <colgroup>
            {COLUMNS.map((column) => (
              <col key={column.header} className={column.width} />
            ))}
          </colgroup>
          <thead className="sticky top-0 z-10 bg-white shadow-[inset_0_-1px_0_var(--color-gray-200)]">
            <tr aria-rowindex={1}>
              {COLUMNS.map((column) => (
                <th
                  key={column.header}
                  scope="col"
                  className="px-2 py-2.5 text-[13px] font-medium whitespace-nowrap text-gray-600"
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={COLUMNS.length} style={{ height: paddingTop, padding: 0 }} />
              </tr>
            ) : null}
            {rows.map((row) => {
              const delivery = items[row.index];
              if (!delivery) return null;
              return (
                <Row
                  key={delivery.id}
                  delivery={delivery}
                  index={row.index}
                  href={paths.delivery(delivery.id, search)}
                  selected={delivery.id === selectedId}
                  onKeyDown={moveFocus}
                />
              );
            })}
            {paddingBottom > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={COLUMNS.length} style={{ height: paddingBottom, padding: 0 }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        <div className="flex flex-wrap items-center justify-center gap-3 px-4 py-4 text-sm text-gray-600">
          <p role="status">
            {isFetchingNextPage
              ? `Showing ${plural(loaded, 'delivery', 'deliveries')}, loading more…`
              : more
                ? `Showing ${formatCount(loaded)} deliveries, more below`
                : `Showing all ${plural(loaded, 'matching delivery', 'matching deliveries')}`}
          </p>
          {more ? (
            <Button size="sm" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
              Load more
            </Button>
          ) : null}
        </div>
      </div>
      {isFetchNextPageError ? <ErrorAlert>{errorMessage(deliveries.error)}</ErrorAlert> : null}
    </div>
  );
}
