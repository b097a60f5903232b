/**
 * Live changes between processes (docs/decisions/0014): whoever changes a delivery, an endpoint's status
 * or a retry job — a worker, an API process — publishes what changed with `pg_notify` on LIVE_CHANNEL;
 * each API process LISTENs once (LiveHub) and passes each organisation's changes to that organisation's
 * open streams. The database is the only thing the processes share, so it carries these too.
 *
 * A notification is an optimisation, never the truth: one lost (a process dies before publishing, a
 * listener's connection drops) leaves a page stale until the next change or its reconnect, when the
 * client refetches.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DeliveryStatusSchema } from '@contract/deliveries';
import type { LiveChange } from '@contract/live-updates';
import { WebhookStatusSchema } from '@contract/webhooks';
import type { Logger } from '../logger';
import type { DatabaseHandle, Queryable } from './database';

export const LIVE_CHANNEL = 'ringpost_live';

/**
 * PostgreSQL refuses a payload of 8000 bytes or more; a little under leaves room for nothing else to
 * go wrong. Larger batches are split across notifications.
 */
export const NOTIFY_PAYLOAD_LIMIT = 7_900;

/** What changed in one organisation; any part may be left out. */
export interface OrganisationChange {
  organisationId: string;
  deliveries?: LiveChange['deliveries'];
  webhooks?: LiveChange['webhooks'];
  retryJobs?: LiveChange['retryJobs'];
}

// ---- Wire format: compact tuples, since a notification holds under 8000 bytes. Only our processes read it.

const WireSchema = z.array(
  z.object({
    o: z.string(),
    d: z.array(z.tuple([z.string(), z.string(), z.string(), DeliveryStatusSchema])).optional(),
    w: z.array(z.tuple([z.string(), WebhookStatusSchema])).optional(),
    r: z.array(z.tuple([z.string(), z.string()])).optional(),
  }),
);
type WireEntry = z.infer<typeof WireSchema>[number];

type Item =
  | { kind: 'd'; tuple: [string, string, string, LiveChange['deliveries'][number]['status']] }
  | { kind: 'w'; tuple: [string, LiveChange['webhooks'][number]['status']] }
  | { kind: 'r'; tuple: [string, string] };

/** Changes merged by organisation, each thing once (its latest state), in the order first seen. */
export function mergeChanges(changes: readonly OrganisationChange[]): Map<string, LiveChange> {
  const merged = new Map<
    string,
    {
      deliveries: Map<string, LiveChange['deliveries'][number]>;
      webhooks: Map<string, LiveChange['webhooks'][number]>;
      retryJobs: Map<string, LiveChange['retryJobs'][number]>;
    }
  >();
  for (const change of changes) {
    let entry = merged.get(change.organisationId);
    if (!entry) {
      entry = { deliveries: new Map(), webhooks: new Map(), retryJobs: new Map() };
      merged.set(change.organisationId, entry);
    }
    for (const d of change.deliveries ?? []) entry.deliveries.set(d.id, d);
    for (const w of change.webhooks ?? []) entry.webhooks.set(w.id, w);
    for (const r of change.retryJobs ?? []) entry.retryJobs.set(r.id, r);
  }
  return new Map(
    [...merged].map(([organisationId, entry]) => [
      organisationId,
      {
        deliveries: [...entry.deliveries.values()],
        webhooks: [...entry.webhooks.values()],
        retryJobs: [...entry.retryJobs.values()],
      },
    ]),
  );
}

function render(items: readonly { organisationId: string; item: Item }[]): string {
  const entries = new Map<string, WireEntry>();
  for (const { organisationId, item } of items) {
    let entry = entries.get(organisationId);
    if (!entry) {
      entry = { o: organisationId };
      entries.set(organisationId, entry);
    }
    if (item.kind === 'd') (entry.d ??= []).push(item.tuple);
    else if (item.kind === 'w') (entry.w ??= []).push(item.tuple);
    else (entry.r ??= []).push(item.tuple);
  }
  return JSON.stringify([...entries.values()]);
}

/**
 * The changes as notification payloads of at most `limit` bytes each: merged, then packed greedily by
 * an estimate and checked exactly (a payload over the limit is halved until it fits).
 */
export function encodeChanges(
  changes: readonly OrganisationChange[],
  limit = NOTIFY_PAYLOAD_LIMIT,
): string[] {
  const items: { organisationId: string; item: Item }[] = [];
  for (const [organisationId, change] of mergeChanges(changes)) {
    for (const d of change.deliveries)
      items.push({
        organisationId,
        item: { kind: 'd', tuple: [d.id, d.webhookId, d.callId, d.status] },
      });
    for (const w of change.webhooks)
      items.push({ organisationId, item: { kind: 'w', tuple: [w.id, w.status] } });
    for (const r of change.retryJobs)
      items.push({ organisationId, item: { kind: 'r', tuple: [r.id, r.webhookId] } });
  }
  const chunks: (typeof items)[] = [];
  let chunk: typeof items = [];
  let size = 2;
  const organisations = new Set<string>();
  for (const entry of items) {
    // The tuple, a comma, and the first time an organisation appears in a payload its envelope.
    const cost =
      Buffer.byteLength(JSON.stringify(entry.item.tuple)) +
      1 +
      (organisations.has(entry.organisationId) ? 0 : 80 + entry.organisationId.length);
    if (chunk.length > 0 && size + cost > limit) {
      chunks.push(chunk);
      chunk = [];
      size = 2;
      organisations.clear();
    }
    chunk.push(entry);
    organisations.add(entry.organisationId);
    size += cost;
  }
  if (chunk.length > 0) chunks.push(chunk);
  const payloads: string[] = [];
  const fit = (part: typeof items) => {
    const payload = render(part);
    if (Buffer.byteLength(payload) <= limit || part.length === 1) payloads.push(payload);
    else {
      const half = Math.ceil(part.length / 2);
      fit(part.slice(0, half));
      fit(part.slice(half));
    }
  };
  for (const part of chunks) fit(part);
  return payloads;
}

/** A payload back into changes; anything that is not ours (another version, garbage) is ignored. */
export function decodeChanges(payload: string): OrganisationChange[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return [];
  }
  const wire = WireSchema.safeParse(parsed);
  if (!wire.success) return [];
  return wire.data.map((entry) => ({
    organisationId: entry.o,
    deliveries: (entry.d ?? []).map(([id, webhookId, callId, status]) => ({
      id,
      webhookId,
      callId,
      status,
    })),
    webhooks: (entry.w ?? []).map(([id, status]) => ({ id, status })),
    retryJobs: (entry.r ?? []).map(([id, webhookId]) => ({ id, webhookId })),
  }));
}

/**
 * Publishes changes: one statement, however many notifications. Inside a transaction they are sent when
 * it commits (and not at all if it rolls back), which suits rare manual actions; on the hot paths use
 * LiveChangePublisher, which publishes after the commit (docs/decisions/0010 says why).
 */
export async function publishChanges(
  db: Queryable,
  changes: readonly OrganisationChange[],
): Promise<void> {
  const payloads = encodeChanges(changes);
  if (payloads.length === 0) return;
  await db.execute(
    sql`select ${sql.join(
      payloads.map((payload) => sql`pg_notify(${LIVE_CHANNEL}, ${payload})`),
      sql`, `,
    )}`,
  );
}

/**
 * Gathers changes for `intervalMs` and publishes them together: on the worker's and ingestion's hot
 * paths a few statements a second in all, whatever the rate of deliveries, instead of one per change.
 */
export class LiveChangePublisher {
  private pending: OrganisationChange[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Queryable,
    private readonly logger: Logger,
    private readonly intervalMs = 100,
  ) {}

  add(change: OrganisationChange): void {
    this.pending.push(change);
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Publishes what is waiting; resolves when every publish started so far has finished. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) {
      this.chain = this.chain.then(() =>
        publishChanges(this.db, batch).catch((error: unknown) => {
          // Pages that missed it catch up at their next change or reconnect.
          this.logger.warn('could not publish live changes', { error, count: batch.length });
        }),
      );
    }
    return this.chain;
  }
}

export interface LiveSubscriber {
  change(change: LiveChange): void;
  /** The hub is closing (shutdown): end the stream. */
  close(): void;
}

/** At most this many deliveries in one event; a larger burst goes as several. */
const DELIVERIES_PER_EVENT = 500;

/**
 * One per API process: LISTENs on LIVE_CHANNEL with one connection, and passes each organisation's
 * changes to that organisation's subscribers (open streams). Changes for an organisation are gathered
 * for `coalesceMs`, so that a stream gets at most a few events a second however busy the organisation.
 */
export class LiveHub {
  private readonly subscribers = new Map<string, Set<LiveSubscriber>>();
  private readonly waiting = new Map<string, OrganisationChange[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private unlisten: (() => Promise<void>) | undefined;
  private closed = false;

  private constructor(
    private readonly logger: Logger,
    private readonly coalesceMs: number,
    /** How often streams send a comment, so that proxies keep idle streams open. */
    readonly heartbeatMs: number,
  ) {}

  static async start(
    listen: DatabaseHandle['listen'],
    logger: Logger,
    options: { coalesceMs?: number; heartbeatMs?: number } = {},
  ): Promise<LiveHub> {
    const hub = new LiveHub(logger, options.coalesceMs ?? 100, options.heartbeatMs ?? 25_000);
    hub.unlisten = await listen(LIVE_CHANNEL, (payload) => hub.receive(payload));
    return hub;
  }

  /** Whether the hub has begun to close (shutdown): new streams are refused. */
  get closing(): boolean {
    return this.closed;
  }

  /** Open streams, for tests. */
  get size(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** Returns the unsubscribe function, or null once the hub is closing (the caller ends its stream). */
  subscribe(organisationId: string, subscriber: LiveSubscriber): (() => void) | null {
    if (this.closed) return null;
    let set = this.subscribers.get(organisationId);
    if (!set) {
      set = new Set();
      this.subscribers.set(organisationId, set);
    }
    set.add(subscriber);
    return () => {
      const current = this.subscribers.get(organisationId);
      current?.delete(subscriber);
      if (current?.size === 0) this.subscribers.delete(organisationId);
    };
  }

  private receive(payload: string): void {
    for (const change of decodeChanges(payload)) {
      // Nobody here watches this organisation: nothing to keep.
      if (!this.subscribers.has(change.organisationId)) continue;
      const list = this.waiting.get(change.organisationId) ?? [];
      list.push(change);
      this.waiting.set(change.organisationId, list);
      if (!this.timers.has(change.organisationId)) {
        this.timers.set(
          change.organisationId,
          setTimeout(() => this.deliver(change.organisationId), this.coalesceMs),
        );
      }
    }
  }

  private deliver(organisationId: string): void {
    this.timers.delete(organisationId);
    const changes = this.waiting.get(organisationId) ?? [];
    this.waiting.delete(organisationId);
    const merged = mergeChanges(changes).get(organisationId);
    const set = this.subscribers.get(organisationId);
    if (!merged || !set) return;
    const events: LiveChange[] = [];
    for (let i = 0; i === 0 || i < merged.deliveries.length; i += DELIVERIES_PER_EVENT) {
      events.push({
        deliveries: merged.deliveries.slice(i, i + DELIVERIES_PER_EVENT),
        webhooks: i === 0 ? merged.webhooks : [],
        retryJobs: i === 0 ? merged.retryJobs : [],
      });
    }
    for (const subscriber of set) {
      for (const event of events) {
        try {
          subscriber.change(event);
        } catch (error) {
          this.logger.warn('a live stream refused a change', { error });
        }
      }
    }
  }

  /** Stops listening and ends every open stream (shutdown); later subscribers are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.waiting.clear();
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.close();
    this.subscribers.clear();
    await this.unlisten?.();
  }
}
