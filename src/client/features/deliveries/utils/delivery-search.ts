/**
 * The Deliveries page's filters as they travel in its URL. Each is checked with the API's own rule
 * (the contract's list query), so a filter the page sends is one the server accepts; a hand-edited or
 * stale link must still open the page, so a parameter that does not parse is dropped on its own
 * instead of failing the whole search.
 */
import { z } from 'zod';
import { DeliveryListQuerySchema, DeliverySearchSchema } from '@contract/deliveries';
import { TIME_RANGES, type DeliveryFilters } from '../api/delivery-keys';

const { shape } = DeliveryListQuerySchema;

const TimeRangeSchema = z.enum(TIME_RANGES);

/** Every parameter the page reads, in the order its links write them. */
export const DELIVERY_SEARCH_PARAMS = [
  'q',
  'status',
  'eventType',
  'webhookId',
  'agentId',
  'callId',
  'failureCategory',
  'range',
  'from',
  'to',
] as const satisfies readonly (keyof DeliveryFilters)[];

const PARAM_SCHEMAS = {
  q: shape.q,
  status: shape.status,
  eventType: shape.eventType,
  webhookId: shape.webhookId,
  agentId: shape.agentId,
  callId: shape.callId,
  failureCategory: shape.failureCategory,
  range: TimeRangeSchema,
  from: shape.from,
  to: shape.to,
} satisfies Record<(typeof DELIVERY_SEARCH_PARAMS)[number], z.ZodType>;

/** The filters a URL's search holds; a missing or invalid one is left out. */
export function parseDeliverySearch(search: URLSearchParams): DeliveryFilters {
  const filters: Record<string, unknown> = {};
  for (const name of DELIVERY_SEARCH_PARAMS) {
    const value = search.get(name);
    if (value === null || value === '') continue;
    const parsed = PARAM_SCHEMAS[name].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[name] = parsed.data;
  }
  const result = filters as DeliveryFilters;
  // A preset range and a custom one exclude each other: the preset wins.
  if (result.range) {
    delete result.from;
    delete result.to;
  }
  if (result.from && result.to && result.from >= result.to) delete result.to;
  return result;
}

/** The filters as search parameters, for `paths.deliveries` (unset ones are left out). */
export function toDeliverySearch(filters: DeliveryFilters): Record<string, string | undefined> {
  return Object.fromEntries(DELIVERY_SEARCH_PARAMS.map((name) => [name, filters[name]]));
}

export function hasFilters(filters: DeliveryFilters): boolean {
  return DELIVERY_SEARCH_PARAMS.some((name) => filters[name] !== undefined);
}

/** What someone typed in the search box, with the API's own rule and message; empty means "no search". */
export function parseSearchInput(
  value: string,
): { ok: true; q: string | undefined } | { ok: false; message: string } {
  if (value.trim() === '') return { ok: true, q: undefined };
  const parsed = DeliverySearchSchema.safeParse(value);
  return parsed.success
    ? { ok: true, q: parsed.data }
    : {
        ok: false,
        message: parsed.error.issues[0]?.message ?? 'Not something that can be searched',
      };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` input's value, in the browser's time zone. */
export function toLocalInputValue(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` input's value (the browser's time zone) as an instant; undefined when empty. */
export function fromLocalInputValue(value: string): string | undefined {
  if (value === '') return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
