/**
 * The three call events as values the browser shows: their wire names, labels and order. Without zod, so
 * that a page which only shows events does not download it (docs/decisions/0016-first-load-budget.md);
 * event-types.ts builds the schemas on these and re-exports them.
 */
export const EVENT_TYPES = [
  'pre-conversation',
  'post-conversation',
  'analytics-completed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

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

/** Puts event types in the canonical Start → End → Analytics order, for storage and display. */
export function sortEventTypes(types: readonly EventType[]): EventType[] {
  return EVENT_TYPES.filter((t) => types.includes(t));
}
