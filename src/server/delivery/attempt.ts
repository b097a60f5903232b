/**
 * One attempt of one delivery: sign, send, and decide what happens next. The decision is a pure
 * function of the send result, so that it can be tested without a network.
 */
import type { DeliveryOutcome, AttemptRecord } from '../outbox/record';
import type { AttemptTarget } from '../outbox/claim';
import type { SendResult, WebhookSender } from '../outbound/send-webhook';
import { maskCustomHeaders, outboundRequest } from '../outbound/delivery-request';
import { nextRetryDelay } from './retry-policy';
import { toStorableAttempt } from '../outbox/storable-attempt';

// Built in outbound/, where the HTTP layer's Redeliver to another URL builds the same request.
export { maskCustomHeaders };

export interface AttemptDecision {
  record: AttemptRecord;
  outcome: DeliveryOutcome;
  /** The receiver said 410 Gone: the endpoint is to be disabled. */
  gone: boolean;
}

export function decide(
  result: SendResult,
  request: { url: string; headers: Record<string, string> },
  attemptsBefore: number,
  schedule: readonly number[],
  now: Date,
  /** The person whose Redeliver this attempt answers (deliveries.manual_attempt_by), if any. */
  requestedBy: string | null = null,
): AttemptDecision {
  const record: AttemptRecord = toStorableAttempt({
    kind: requestedBy === null ? 'scheduled' : 'redelivery',
    requestedBy,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    headersMs: result.headersMs,
    url: request.url,
    requestHeaders: maskCustomHeaders(request.headers),
    responseStatus: result.response?.status ?? null,
    responseHeaders: result.response?.headers ?? null,
    responseBody: result.response?.body ?? null,
    responseTruncated: result.response?.bodyTruncated ?? false,
    errorCategory: result.error?.category ?? null,
    errorMessage: result.error?.message ?? null,
  });
  if (!result.error) {
    return {
      record,
      gone: false,
      outcome: { status: 'succeeded', nextAttemptAt: null, completedAt: now, lastError: null },
    };
  }
  const gone = result.response?.status === 410;
  const delay = gone ? null : nextRetryDelay(attemptsBefore + 1, schedule, result.retryAfterMs);
  // From the stored record: the message may quote the receiver (a Location header, say).
  const lastError = `${result.error.category}: ${record.errorMessage ?? ''}`;
  return {
    record,
    gone,
    outcome:
      delay === null
        ? { status: 'failed', nextAttemptAt: null, completedAt: now, lastError }
        : {
            status: 'pending',
            nextAttemptAt: new Date(now.getTime() + delay),
            completedAt: null,
            lastError,
          },
  };
}

export async function attemptDelivery(
  sender: WebhookSender,
  target: AttemptTarget,
  options: { schedule: readonly number[]; timeoutMs: number; now: () => Date },
): Promise<AttemptDecision> {
  const request = outboundRequest(target.delivery, target.webhook, options.now());
  const result = await sender.send({ ...request, timeoutMs: options.timeoutMs });
  return decide(
    result,
    request,
    target.delivery.attemptCount,
    options.schedule,
    options.now(),
    target.delivery.manualAttemptBy,
  );
}
