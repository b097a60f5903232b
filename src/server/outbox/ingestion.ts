/**
 * Ingestion: a call event becomes one stored event and, if the agent subscribes an endpoint to it, one
 * delivery, written atomically before the caller gets its 202 — so an accepted event is never lost, and a
 * repeated (callId, eventType) creates nothing new.
 *
 * Events arriving together are stored together (IngestionBatcher): two statements per batch instead of
 * two per event.
 */
import type { IngestEventRequest, WebhookPayload } from '@contract/call-events';
import type { IngestEventResponse } from '@contract/deliveries';
import type { Database } from '../db/database';
import {
  EVENT_SEQUENCE,
  findAgentEndpoints,
  findEventIds,
  storeEventsWithDeliveries,
  type StoreEventInput,
  type SubscribedEndpointRow,
} from './enqueue';
import { newDeliveryId } from '../db/ids';
import { MicroBatcher } from '../lib/micro-batcher';

export interface PublishOptions {
  organisationId: string;
  event: IngestEventRequest;
  now: Date;
  /** When the delivery becomes due; later than `now` for a synthetic call's End and Analytics. */
  publishAt?: Date;
  /** The wait before a first attempt (RINGPOST_RETRY_SCHEDULE's first entry). */
  firstDelayMs: number;
}

/** The delivered body's `metadata`: the ids every event carries, then the event's own fields. */
export function deliveredMetadata(event: IngestEventRequest): WebhookPayload['metadata'] {
  const { conversationType, ...rest } = event.metadata;
  return {
    agentId: event.agentId,
    eventType: event.eventType,
    conversationType,
    callId: event.callId,
    ...rest,
  } as WebhookPayload['metadata'];
}

function toStoreInput(
  options: PublishOptions,
  endpoint: SubscribedEndpointRow | undefined,
): StoreEventInput {
  const { organisationId, event, now } = options;
  let delivery: StoreEventInput['delivery'];
  if (endpoint) {
    const id = newDeliveryId(now.getTime());
    const payload: WebhookPayload = {
      id,
      event: `${event.agentId}.${event.eventType}`,
      url: endpoint.url,
      description: endpoint.description ?? '',
      metadata: deliveredMetadata(event),
    };
    const enabled = endpoint.status === 'enabled';
    delivery = {
      id,
      webhookId: endpoint.id,
      sequence: EVENT_SEQUENCE[event.eventType],
      body: JSON.stringify(payload),
      status: enabled ? 'pending' : 'skipped',
      nextAttemptAt: enabled
        ? new Date((options.publishAt ?? now).getTime() + options.firstDelayMs)
        : null,
      completedAt: enabled ? null : now,
      lastError: enabled ? null : 'The endpoint was disabled when the event arrived',
      lastErrorCategory: enabled ? null : 'endpoint_disabled',
    };
  }
  return {
    event: {
      id: crypto.randomUUID(),
      organisationId,
      agentId: event.agentId,
      callId: event.callId,
      eventType: event.eventType,
      details: event.metadata,
      receivedAt: now,
    },
    delivery,
  };
}

/** A delivery that ingestion stored: what open pages are told about (live updates). */
export interface StoredDelivery {
  organisationId: string;
  id: string;
  webhookId: string;
  callId: string;
  status: 'pending' | 'skipped';
}

/** Stores a batch of events; the answers come back in the same order. */
export async function publishEvents(
  db: Database,
  batch: PublishOptions[],
): Promise<IngestEventResponse[]> {
  return (await storeEvents(db, batch)).responses;
}

async function storeEvents(
  db: Database,
  batch: PublishOptions[],
): Promise<{ responses: IngestEventResponse[]; deliveries: StoredDelivery[] }> {
  // An agent has at most one endpoint (docs/decisions/0005). Read before the write: an event that races a
  // subscription change goes by the subscription as it was a moment earlier.
  const endpoints = await findAgentEndpoints(db, [...new Set(batch.map((o) => o.event.agentId))]);
  const inputs = batch.map((options) =>
    toStoreInput(
      options,
      endpoints.find(
        (e) =>
          e.organisationId === options.organisationId &&
          e.agentId === options.event.agentId &&
          e.eventTypes.includes(options.event.eventType),
      ),
    ),
  );
  const stored = await storeEventsWithDeliveries(db, inputs);

  const duplicates = inputs.filter((input) => !stored.has(input.event.id));
  const existing = new Map<string, string>();
  for (const organisationId of new Set(duplicates.map((d) => d.event.organisationId))) {
    const ids = await findEventIds(
      db,
      organisationId,
      duplicates.filter((d) => d.event.organisationId === organisationId).map((d) => d.event),
    );
    for (const [key, id] of ids) existing.set(`${organisationId}|${key}`, id);
  }

  const responses = inputs.map(({ event, delivery }) => {
    if (stored.has(event.id))
      return { eventId: event.id, duplicate: false, deliveryIds: delivery ? [delivery.id] : [] };
    const id = existing.get(`${event.organisationId}|${event.callId}|${event.eventType}`);
    if (!id) throw new Error('an event was neither stored nor found');
    return { eventId: id, duplicate: true, deliveryIds: [] };
  });
  const deliveries = inputs.flatMap(({ event, delivery }): StoredDelivery[] =>
    delivery && stored.has(event.id)
      ? [
          {
            organisationId: event.organisationId,
            id: delivery.id,
            webhookId: delivery.webhookId,
            callId: event.callId,
            status: delivery.status,
          },
        ]
      : [],
  );
  return { responses, deliveries };
}

/**
 * Ingestion in batches: the events that arrive within a couple of milliseconds are stored together, from
 * every organisation at once. One event the database refuses (an agent of another organisation, a value
 * it cannot store) must not fail its neighbours, so a batch that fails for any reason is retried one by
 * one: each request then gets its own answer, and one request's fault is that request's alone.
 */
export class IngestionBatcher {
  private readonly batcher: MicroBatcher<PublishOptions, IngestEventResponse>;

  /**
   * `onStored` runs after a batch that stored deliveries, with them, so that idle workers start now and
   * open pages hear of them.
   */
  constructor(
    db: Database,
    onStored: (deliveries: StoredDelivery[]) => void = () => undefined,
    /** Batches stored at once (MicroBatcher): one on the embedded database, a few on a pool. */
    options: { concurrency?: number } = {},
  ) {
    // MicroBatcher's default: whatever the error, retry one by one, since a batch's error does not say
    // which of its items caused it.
    this.batcher = new MicroBatcher(
      async (batch) => {
        const { responses, deliveries } = await storeEvents(db, batch);
        if (deliveries.length > 0) onStored(deliveries);
        return responses;
      },
      { concurrency: options.concurrency ?? 1 },
    );
  }

  publish(options: PublishOptions): Promise<IngestEventResponse> {
    return this.batcher.add(options);
  }
}
