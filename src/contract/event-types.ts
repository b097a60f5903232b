/**
 * The three call events. The UI shows the label; the wire carries `eventType`
 * (as the dashboard names them: Start → pre-conversation, End → post-conversation, Analytics Completed → analytics-completed).
 */
import { z } from 'zod';

export const EVENT_TYPES = [
  'pre-conversation',
  'post-conversation',
  'analytics-completed',
] as const;

export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

/** Label and description exactly as the platform's Configure Webhook modal shows them, in its order. */
export const EVENT_TYPE_INFO: Record<EventType, { label: string; description: string }> = {
  'pre-conversation': {
    label: 'Start',
    description: 'Triggered when a call begins, before the conversation starts',
  },
  'post-conversation': {
    label: 'End',
    description: 'Triggered when a call ends, includes transcript and call data',
  },
  'analytics-completed': {
    label: 'Analytics Completed',
    description: 'Triggered when post-call analytics are generated and ready',
  },
};

/** A subscription's events: at least one, none twice. */
export const EventTypeSetSchema = z
  .array(EventTypeSchema)
  .min(1, 'Choose at least one event')
  .refine((types) => new Set(types).size === types.length, 'Each event may be listed once');

/** Puts event types in the canonical Start → End → Analytics order, for storage and display. */
export function sortEventTypes(types: readonly EventType[]): EventType[] {
  return EVENT_TYPES.filter((t) => types.includes(t));
}
