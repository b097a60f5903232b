/** Database rows → the contract's delivery shapes, and the opaque keyset cursor. */
import {
  DeliveryIdSchema,
  type DeliveryAttempt,
  type DeliveryDetail,
  type DeliverySummary,
  type FailureCategory,
} from '@contract/deliveries';
import type { DeliverySummaryRow, KeysetPosition } from '../../../db/queries/delivery-search';
import type { deliveryAttempts } from '../../../db/schema';

export function toDeliverySummary({
  delivery,
  webhookUrl,
  agentName,
  waitingFor,
}: DeliverySummaryRow): DeliverySummary {
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    webhookUrl,
    agentId: delivery.agentId,
    agentName,
    callId: delivery.callId,
    eventType: delivery.eventType,
    event: `${delivery.agentId ?? 'test'}.${delivery.eventType}`,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    responseStatus: delivery.lastResponseStatus,
    latencyMs: delivery.lastDurationMs,
    lastError: delivery.lastError,
    lastErrorCategory: delivery.lastErrorCategory as FailureCategory | null,
    isTest: delivery.isTest,
    createdAt: delivery.createdAt.toISOString(),
    nextAttemptAt:
      delivery.status === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    completedAt: delivery.completedAt?.toISOString() ?? null,
    waitingFor:
      waitingFor === null
        ? null
        : { id: waitingFor.id, eventType: waitingFor.eventType, status: waitingFor.status },
  };
}

export function toDeliveryAttempt(row: typeof deliveryAttempts.$inferSelect): DeliveryAttempt {
  return {
    number: row.number,
    kind: row.kind,
    requestedBy: row.requestedBy,
    startedAt: row.startedAt.toISOString(),
    durationMs: row.durationMs,
    headersMs: row.headersMs,
    request: { url: row.url, headers: row.requestHeaders },
    response:
      row.responseStatus === null
        ? null
        : {
            status: row.responseStatus,
            headers: row.responseHeaders ?? {},
            body: row.responseBody ?? '',
            bodyEncoding: row.responseBodyEncoding,
            bodyTruncated: row.responseTruncated,
          },
    error: row.errorCategory
      ? { category: row.errorCategory as FailureCategory, message: row.errorMessage ?? '' }
      : null,
  };
}

export function toDeliveryDetail(
  row: DeliverySummaryRow & { body: string },
  attempts: (typeof deliveryAttempts.$inferSelect)[],
): DeliveryDetail {
  return {
    ...toDeliverySummary(row),
    body: row.body,
    attempts: attempts.map(toDeliveryAttempt),
  };
}

/** `createdAt` is the row's created_at to the microsecond (see delivery-search.ts). */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** An ISO 8601 instant in UTC, with up to microseconds: what encodeCursor writes. */
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Undefined for anything this API did not hand out. */
export function decodeCursor(cursor: string): KeysetPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string') return undefined;
    // Checked here so that the database is never handed a value it would refuse: a real calendar
    // instant (JS rolls 02-30 over to March; PostgreSQL refuses it) in years a delivery can have.
    const instant = new Date(at);
    if (!CURSOR_INSTANT.test(at) || Number.isNaN(instant.getTime())) return undefined;
    if (instant.toISOString().slice(0, 19) !== at.slice(0, 19)) return undefined;
    if (instant.getUTCFullYear() < 2000) return undefined;
    if (!DeliveryIdSchema.safeParse(id).success) return undefined;
    return { createdAt: at, id };
  } catch {
    return undefined;
  }
}
