/** Database rows → the contract's delivery shapes, and the opaque keyset cursor. */
import type {
  DeliveryAttempt,
  DeliveryDetail,
  DeliverySummary,
  FailureCategory,
} from '@contract/deliveries';
import type { DeliverySummaryRow } from '../../../db/queries/deliveries';
import type { deliveryAttempts } from '../../../db/schema';

export function toDeliverySummary({
  delivery,
  webhookUrl,
  agentName,
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
    waitingFor: null,
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
  row: DeliverySummaryRow,
  attempts: (typeof deliveryAttempts.$inferSelect)[],
): DeliveryDetail {
  return {
    ...toDeliverySummary(row),
    body: row.delivery.body,
    attempts: attempts.map(toDeliveryAttempt),
  };
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

/** Undefined for anything this API did not hand out. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string') return undefined;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
  } catch {
    return undefined;
  }
}
