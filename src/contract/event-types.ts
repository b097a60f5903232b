/**
 * The three call events. The UI shows the label; the wire carries `eventType`
 * (as the dashboard names them: Start → pre-conversation, End → post-conversation, Analytics Completed → analytics-completed).
 */
import { z } from 'zod';
import { EVENT_TYPES } from './event-type-info';

export { EVENT_TYPES, EVENT_TYPE_INFO, sortEventTypes, type EventType } from './event-type-info';

export const EventTypeSchema = z.enum(EVENT_TYPES);

/** A subscription's events: at least one, none twice. */
export const EventTypeSetSchema = z
  .array(EventTypeSchema)
  .min(1, 'Choose at least one event')
  .refine((types) => new Set(types).size === types.length, 'Each event may be listed once');
