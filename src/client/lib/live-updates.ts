/**
 * Live updates: while a page that shows deliveries, endpoints or retry jobs is open, one EventSource on
 * `GET /api/v1/live` (shared by every view that asks for it) tells the app what changed, and only the
 * queries that show it are fetched again. Nothing polls: with no change, no request is made.
 *
 * - Changes are merged and applied at most once a second (`LIVE_FLUSH_MS`; the first one at once), so a
 *   burst of attempts costs one refetch per open list, not one per attempt.
 * - A list that holds many pages (the inspector scrolled far down) is not refetched page by page on
 *   every change: the statuses the server named are written into it in place and it is marked stale,
 *   to be refetched in full the next time it is opened.
 * - When the stream comes back after a drop, everything open is refetched: changes may have been
 *   missed. The browser reconnects by itself (the server sends `retry: 2000`); if the server refuses
 *   the stream (the browser then gives up), this module tries again with a growing delay.
 *
 * Where the query keys live is agreed in query-keys.ts (`livePrefixes`), so features need not be
 * imported here.
 */
import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { DeliveryStatus } from '@contract/deliveries';
import { LIVE_EVENT } from '@contract/live-event';
import { LiveChangeSchema, type LiveChange } from '@contract/live-updates';
import { API_BASE_PATH, conforms } from './api-client';
import { livePrefixes, resourceKeys } from './query-keys';

/** At most one round of refetches per this many milliseconds. */
export const LIVE_FLUSH_MS = 1_000;
/** Keep the stream a moment after the last view closes: the next page usually wants it too. */
const CLOSE_GRACE_MS = 3_000;
/** When the server refused the stream: try again after these delays (the last one repeats). */
const REOPEN_DELAYS_MS = [2_000, 5_000, 15_000, 60_000] as const;
/** Infinite lists with more pages than this are patched in place rather than refetched. */
const MAX_PAGES_REFETCHED = 4;

export type LiveState = 'connecting' | 'open' | 'closed';

function emptyChange(): LiveChange {
  return { deliveries: [], webhooks: [], retryJobs: [] };
}

function merge(into: LiveChange, change: LiveChange): LiveChange {
  return {
    deliveries: [...into.deliveries, ...change.deliveries],
    webhooks: [...into.webhooks, ...change.webhooks],
    retryJobs: [...into.retryJobs, ...change.retryJobs],
  };
}

interface PageLike {
  items: { id: string; status: DeliveryStatus }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function pagesOf(data: unknown): PageLike[] | null {
  if (!isRecord(data) || !Array.isArray(data.pages)) return null;
  return data.pages as PageLike[];
}

/** An infinite list that holds many pages: refetching it would cost a request per page. */
function isDeepList(query: Query): boolean {
  const pages = pagesOf(query.state.data);
  return pages !== null && pages.length > MAX_PAGES_REFETCHED;
}

/** The same list with the statuses the server named written in (other fields follow on refetch). */
function patchStatuses(data: unknown, statuses: ReadonlyMap<string, DeliveryStatus>): unknown {
  const pages = pagesOf(data);
  if (!pages || !isRecord(data)) return data;
  const patchPage = (page: PageLike): PageLike => ({
    ...page,
    items: page.items.map((item) => {
      const status = statuses.get(item.id);
      return status && status !== item.status ? { ...item, status } : item;
    }),
  });
  return { ...data, pages: pages.map(patchPage) };
}

class LiveConnection {
  private source: EventSource | null = null;
  private subscribers = 0;
  private state: LiveState = 'closed';
  private readonly listeners = new Set<() => void>();
  private pending: LiveChange | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  /** The stream was open once: the next `open` is a reconnection, after which everything is refetched. */
  private wasOpen = false;
  private refusals = 0;

  constructor(private readonly queryClient: QueryClient) {}

  getState = (): LiveState => this.state;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  retain() {
    this.subscribers += 1;
    clearTimeout(this.closeTimer);
    if (!this.source && this.reopenTimer === undefined) this.open();
  }

  release() {
    this.subscribers -= 1;
    if (this.subscribers > 0) return;
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => this.shutDown(), CLOSE_GRACE_MS);
  }

  private setState(state: LiveState) {
    if (state === this.state) return;
    this.state = state;
    this.listeners.forEach((listener) => listener());
  }

  private open() {
    if (typeof EventSource === 'undefined') return;
    const url = new URL(`${API_BASE_PATH}/live`, window.location.href);
    const source = new EventSource(url, { withCredentials: true });
    this.source = source;
    this.setState('connecting');
    source.addEventListener('open', () => {
      this.refusals = 0;
      if (this.wasOpen) this.refetchEverything();
      this.wasOpen = true;
      this.setState('open');
    });
    source.addEventListener(LIVE_EVENT, (event) => {
      if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return;
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return;
      }
      // Checked against the contract in development only, as every answer is (api-client.ts).
      if (
        conforms(
          import.meta.env.DEV && LiveChangeSchema,
          payload,
          `the live stream's ${LIVE_EVENT}`,
        )
      )
        this.receive(payload as LiveChange);
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) {
        // The browser reconnects by itself; whatever changes meanwhile is refetched on `open`.
        this.setState('connecting');
        return;
      }
      // Refused (an error status, or not an event stream): the browser will not try again; we do.
      source.close();
      this.source = null;
      this.setState('closed');
      if (this.subscribers <= 0) return;
      const delay =
        REOPEN_DELAYS_MS[Math.min(this.refusals, REOPEN_DELAYS_MS.length - 1)] ?? 60_000;
      this.refusals += 1;
      this.reopenTimer = setTimeout(() => {
        this.reopenTimer = undefined;
        if (this.subscribers > 0) {
          // Whatever changed while the stream was away is fetched once it is back.
          this.wasOpen = true;
          this.open();
        }
      }, delay);
    });
  }

  private shutDown() {
    if (this.subscribers > 0) return;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending = null;
    this.source?.close();
    this.source = null;
    this.wasOpen = false;
    this.setState('closed');
  }

  private receive(change: LiveChange) {
    this.pending = merge(this.pending ?? emptyChange(), change);
    if (this.flushTimer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + LIVE_FLUSH_MS - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  private flush() {
    const change = this.pending;
    this.pending = null;
    if (!change) return;
    this.lastFlush = Date.now();
    const client = this.queryClient;
    const invalidate = (queryKey: readonly unknown[]) =>
      void client.invalidateQueries({ queryKey });

    if (change.deliveries.length > 0) {
      const statuses = new Map(change.deliveries.map((d) => [d.id, d.status]));
      const deliveryLists = { queryKey: livePrefixes.deliveryLists };
      // Deep lists: the new statuses now, the rest when the list is next opened.
      for (const query of client.getQueryCache().findAll(deliveryLists)) {
        if (isDeepList(query)) {
          client.setQueryData(query.queryKey, patchStatuses(query.state.data, statuses));
        }
      }
      void client.invalidateQueries({
        ...deliveryLists,
        predicate: (query) => isDeepList(query),
        refetchType: 'none',
      });
      void client.invalidateQueries({ ...deliveryLists, predicate: (query) => !isDeepList(query) });
      for (const id of statuses.keys()) invalidate(livePrefixes.deliveryDetail(id));
      for (const callId of new Set(change.deliveries.map((d) => d.callId))) {
        invalidate(livePrefixes.call(callId));
      }
      // An endpoint's failing-since, skipped count and health follow its deliveries.
      for (const webhookId of new Set(change.deliveries.map((d) => d.webhookId))) {
        invalidate(livePrefixes.webhookDetail(webhookId));
        invalidate(livePrefixes.webhookHealth(webhookId));
      }
      invalidate(livePrefixes.webhookLists);
    }
    if (change.webhooks.length > 0) {
      for (const { id } of change.webhooks) invalidate(livePrefixes.webhookDetail(id));
      invalidate(livePrefixes.webhookLists);
      // Agents show their endpoint's status (an automatic disable after a 410).
      invalidate(resourceKeys.agents);
    }
    for (const webhookId of new Set(change.retryJobs.map((job) => job.webhookId))) {
      invalidate(livePrefixes.webhookRetryJobs(webhookId));
    }
  }

  /** After a reconnection: anything may have changed while the stream was away. */
  private refetchEverything() {
    for (const queryKey of [
      resourceKeys.deliveries,
      resourceKeys.calls,
      resourceKeys.webhooks,
      resourceKeys.agents,
    ]) {
      void this.queryClient.invalidateQueries({ queryKey });
    }
  }
}

const connections = new WeakMap<QueryClient, LiveConnection>();

function connectionFor(queryClient: QueryClient): LiveConnection {
  let connection = connections.get(queryClient);
  if (!connection) {
    connection = new LiveConnection(queryClient);
    connections.set(queryClient, connection);
  }
  return connection;
}

/**
 * Keeps the live stream open while the calling view is mounted, and says whether it is connected:
 * `open` (changes arrive), `connecting` (reconnecting after a drop) or `closed` (refused, or no view
 * wants it). Views that show deliveries on their way may poll as a fallback while it is not `open`.
 */
export function useLiveUpdates(): LiveState {
  const queryClient = useQueryClient();
  const connection = connectionFor(queryClient);
  useEffect(() => {
    connection.retain();
    return () => connection.release();
  }, [connection]);
  return useSyncExternalStore(connection.subscribe, connection.getState, connection.getState);
}

/** How often a view polls while the live stream is down and something it shows is still moving. */
export const LIVE_FALLBACK_POLL_MS = 5_000;
