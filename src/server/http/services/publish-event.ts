/**
 * Ingestion: a call event becomes one stored event and one delivery per subscribed endpoint, written in
 * one transaction before the caller gets its 202 — so an accepted event is never lost, and a repeated
 * (callId, eventType) creates nothing new.
 */
import type { IngestEventRequest, WebhookPayload } from '@contract/call-events';
import type { IngestEventResponse } from '@contract/deliveries';
import type { Database } from '../../db/database';
import { EVENT_SEQUENCE, insertDeliveries, notifyWorkers, type NewDelivery } from '../../db/queries/deliveries';
import { findEventId, findSubscribedEndpoints, insertEventOnce } from '../../db/queries/events';
import { newDeliveryId } from '../../db/ids';

export interface PublishOptions {
  organisationId: string;
  event: IngestEventRequest;
  now: Date;
  /** When the deliveries become due; later than `now` for a synthetic call's End and Analytics. */
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

export async function publishEvent(db: Database, options: PublishOptions): Promise<IngestEventResponse> {
  const { organisationId, event, now } = options;
  const dueAt = new Date((options.publishAt ?? now).getTime() + options.firstDelayMs);
  return db.transaction(async (tx) => {
    const eventId = await insertEventOnce(tx, {
      organisationId,
      agentId: event.agentId,
      callId: event.callId,
      eventType: event.eventType,
      details: event.metadata,
      receivedAt: now,
    });
    if (!eventId) {
      const existing = await findEventId(tx, organisationId, event.callId, event.eventType);
      if (!existing) throw new Error('event vanished between insert and select');
      return { eventId: existing, duplicate: true, deliveryIds: [] };
    }

    const endpoints = await findSubscribedEndpoints(tx, organisationId, event.agentId, event.eventType);
    const metadata = deliveredMetadata(event);
    const rows: NewDelivery[] = endpoints.map((endpoint) => {
      const id = newDeliveryId(now.getTime());
      const payload: WebhookPayload = {
        id,
        event: `${event.agentId}.${event.eventType}`,
        url: endpoint.url,
        description: endpoint.description ?? '',
        metadata,
      };
      const enabled = endpoint.status === 'enabled';
      return {
        id,
        organisationId,
        webhookId: endpoint.id,
        eventId,
        agentId: event.agentId,
        callId: event.callId,
        eventType: event.eventType,
        sequence: EVENT_SEQUENCE[event.eventType],
        body: JSON.stringify(payload),
        status: enabled ? 'pending' : 'skipped',
        nextAttemptAt: enabled ? dueAt : null,
        completedAt: enabled ? null : now,
        lastError: enabled ? null : 'The endpoint was disabled when the event arrived',
        createdAt: now,
      };
    });
    await insertDeliveries(tx, rows);
    // Delivered at commit: idle workers start now instead of at their next poll.
    if (rows.length > 0) await notifyWorkers(tx);
    return { eventId, duplicate: false, deliveryIds: rows.map((row) => row.id) };
  });
}
