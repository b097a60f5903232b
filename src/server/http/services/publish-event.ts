/**
 * Ingestion: a call event becomes one stored event and, if the agent subscribes an endpoint to it, one
 * delivery, written atomically before the caller gets its 202 — so an accepted event is never lost, and a
 * repeated (callId, eventType) creates nothing new.
 */
import type { IngestEventRequest, WebhookPayload } from '@contract/call-events';
import type { IngestEventResponse } from '@contract/deliveries';
import type { Database } from '../../db/database';
import { EVENT_SEQUENCE } from '../../db/queries/deliveries';
import {
  findEventId,
  findSubscribedEndpoints,
  storeEventWithDelivery,
  type StoreEventInput,
} from '../../db/queries/events';
import { newDeliveryId } from '../../db/ids';

export interface PublishOptions {
  organisationId: string;
  event: IngestEventRequest;
  now: Date;
  /** When the deliveries become due; later than `now` for a synthetic call's End and Analytics. */
  publishAt?: Date;
  /** The wait before a first attempt (RINGPOST_RETRY_SCHEDULE's first entry). */
  firstDelayMs: number;
  /** Called once a pending delivery is stored, so that idle workers start now. */
  nudgeWorkers?: () => void;
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

export async function publishEvent(
  db: Database,
  options: PublishOptions,
): Promise<IngestEventResponse> {
  const { organisationId, event, now } = options;
  const dueAt = new Date((options.publishAt ?? now).getTime() + options.firstDelayMs);
  // An agent has at most one endpoint (docs/decisions/0005). Read before the write: an event that races a
  // subscription change goes by the subscription as it was a moment earlier.
  const [endpoint] = await findSubscribedEndpoints(
    db,
    organisationId,
    event.agentId,
    event.eventType,
  );
  const eventId = crypto.randomUUID();
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
      nextAttemptAt: enabled ? dueAt : null,
      completedAt: enabled ? null : now,
      lastError: enabled ? null : 'The endpoint was disabled when the event arrived',
      lastErrorCategory: enabled ? null : 'endpoint_disabled',
    };
  }
  const stored = await storeEventWithDelivery(db, {
    event: {
      id: eventId,
      organisationId,
      agentId: event.agentId,
      callId: event.callId,
      eventType: event.eventType,
      details: event.metadata,
      receivedAt: now,
    },
    delivery,
  });
  if (!stored) {
    const existing = await findEventId(db, organisationId, event.callId, event.eventType);
    if (!existing) throw new Error('event vanished between insert and select');
    return { eventId: existing, duplicate: true, deliveryIds: [] };
  }
  if (delivery?.status === 'pending') options.nudgeWorkers?.();
  return { eventId, duplicate: false, deliveryIds: delivery ? [delivery.id] : [] };
}
