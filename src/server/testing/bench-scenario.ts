/**
 * The delivery benchmark's scenario, shared by `npm run bench:delivery` and the reliability test that
 * runs it small in `npm test`: calls spread over agents, each agent's endpoint subscribed to all three
 * events, every call publishing Start, End and Analytics Completed back to back — the hardest case for
 * per-call order, since End is published before Start can have been delivered.
 *
 * Also the check both apply to what the receiver saw: nothing lost, nothing delivered again after a
 * success, nothing out of order within a call and endpoint.
 */
import type { IngestEventRequest } from '@contract/call-events';
import { EVENT_TYPES, type EventType } from '@contract/event-types';
import { exampleEvent } from './example-event';

/** The events of `count` events' worth of calls (three per call), calls round-robin over the agents. */
export function scenarioEvents(count: number, agentIds: readonly string[]): IngestEventRequest[] {
  return Array.from({ length: count }, (_, i) => scenarioEvent(i, agentIds));
}

/**
 * The scenario's event number `index`, made on its own: a benchmark of many events makes each as it
 * publishes it rather than holding them all.
 */
export function scenarioEvent(index: number, agentIds: readonly string[]): IngestEventRequest {
  const call = Math.floor(index / 3);
  return exampleEvent(
    agentIds[call % agentIds.length] ?? '',
    `bench_${call}`,
    EVENT_TYPES[index % 3] ?? 'pre-conversation',
  );
}

/** One request as the receiver saw it. */
export interface Reception {
  /** The `webhook-id` header: the delivery's id, the same on every attempt. */
  webhookId: string;
  /** Which endpoint (the receiver's path). */
  endpoint: string;
  callId: string;
  eventType: EventType;
  /** Whether the receiver answered 2xx. */
  accepted: boolean;
}

export interface ScenarioCheck {
  /** Deliveries expected and never accepted by the receiver. */
  lost: string[];
  /** Webhook-ids received again after the receiver had accepted them. */
  duplicates: string[];
  /** `endpoint callId`: a later event of the call accepted before an earlier one. */
  reordered: string[];
}

const ORDER: Record<EventType, number> = {
  'pre-conversation': 0,
  'post-conversation': 1,
  'analytics-completed': 2,
};

/**
 * Checks receptions, in the order they arrived, against the delivery ids ingestion answered. A retry
 * after a failed answer is not a duplicate; a request after an accepted one is, since it means the
 * delivery was sent twice. Order counts first acceptances: End's first accepted request must come after
 * Start's, per call and endpoint.
 */
export function checkScenario(
  expectedIds: Iterable<string>,
  receptions: readonly Reception[],
): ScenarioCheck {
  const accepted = new Set<string>();
  const duplicates = new Set<string>();
  const lastAccepted = new Map<string, number>();
  const reordered = new Set<string>();
  for (const r of receptions) {
    if (accepted.has(r.webhookId)) {
      duplicates.add(r.webhookId);
      continue;
    }
    if (!r.accepted) continue;
    accepted.add(r.webhookId);
    const lane = `${r.endpoint} ${r.callId}`;
    const rank = ORDER[r.eventType];
    if ((lastAccepted.get(lane) ?? -1) > rank) reordered.add(lane);
    lastAccepted.set(lane, Math.max(rank, lastAccepted.get(lane) ?? -1));
  }
  const lost = [...expectedIds].filter((id) => !accepted.has(id));
  return { lost, duplicates: [...duplicates], reordered: [...reordered] };
}

/** What a webhook's body says about itself: its call and event type (see the contract's payload). */
export function describeBody(body: string): { callId: string; eventType: EventType } {
  const parsed = JSON.parse(body) as { metadata: { callId: string; eventType: EventType } };
  return { callId: parsed.metadata.callId, eventType: parsed.metadata.eventType };
}
