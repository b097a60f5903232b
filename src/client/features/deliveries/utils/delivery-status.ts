import type { DeliveryStatus, DeliverySummary, FailureCategory } from '@contract/deliveries';
import { EVENT_TYPE_INFO, type EventType } from '@contract/event-type-info';

type Tone = 'success' | 'neutral' | 'warning' | 'danger';

export const DELIVERY_STATUS_INFO: Record<DeliveryStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  delivering: { label: 'Sending', tone: 'neutral' },
  succeeded: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'warning' },
};

/** Why an attempt failed, in the words a receiver's owner would search for. */
export const FAILURE_CATEGORY_LABELS: Record<FailureCategory, string> = {
  dns: 'DNS lookup failed',
  connect: 'Connection failed',
  tls: 'TLS error',
  timeout: 'Timed out',
  http_status: 'Error response',
  redirect: 'Redirect (not followed)',
  blocked: 'Blocked address',
  endpoint_disabled: 'Endpoint disabled',
};

/** An event's label (Start, End, Analytics Completed): what people call it; the wire name is detail. */
export function eventLabel(eventType: EventType): string {
  return EVENT_TYPE_INFO[eventType].label;
}

/** Still on its way: the engine will make (another) attempt, so the page should keep looking. */
export function isInFlight({ status }: { status: DeliveryStatus }): boolean {
  return status === 'pending' || status === 'delivering';
}

/** "Waits for this call's Start", while per-call order holds this delivery back. */
export function waitingText(waitingFor: NonNullable<DeliverySummary['waitingFor']>): string {
  return `Waits for this call's ${eventLabel(waitingFor.eventType)}`;
}
