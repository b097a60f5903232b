/**
 * One attempt of one delivery: sign, send, and decide what happens next. The decision is a pure
 * function of the send result, so that it can be tested without a network.
 */
import { MASKED_HEADER_VALUE } from '@contract/webhooks';
import type { DeliveryOutcome, AttemptRecord, AttemptTarget } from '../db/queries/deliveries';
import type { SendResult, WebhookSender } from '../outbound/send-webhook';
import { signatureHeaders } from '../outbound/signing';
import { USER_AGENT } from '../version';
import { nextRetryDelay } from './retry-policy';
import { toStorableAttempt } from './storable-attempt';

/** The headers Ringpost writes itself; every other request header is an endpoint's custom header. */
const OWN_HEADER_NAMES: ReadonlySet<string> = new Set([
  'content-type',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-signature',
]);

/**
 * The request headers as they may be kept: custom headers' values are credentials (API keys, basic
 * auth), and attempts are kept for a long time and shown to every role, so only their names remain.
 */
export function maskCustomHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = OWN_HEADER_NAMES.has(name.toLowerCase()) ? value : MASKED_HEADER_VALUE;
  return out;
}

export function requestHeaders(target: AttemptTarget, now: Date): Record<string, string> {
  const { delivery, webhook } = target;
  const previous =
    webhook.previousSecret &&
    webhook.previousSecretExpiresAt &&
    webhook.previousSecretExpiresAt > now
      ? webhook.previousSecret
      : null;
  return {
    // Custom headers first: the contract refuses reserved names, and ours are written after regardless.
    ...webhook.headers,
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    ...signatureHeaders(
      { current: webhook.secret, previous },
      delivery.id,
      Math.floor(now.getTime() / 1000),
      delivery.body,
    ),
  };
}

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
): AttemptDecision {
  const record: AttemptRecord = toStorableAttempt({
    startedAt: result.startedAt,
    durationMs: result.durationMs,
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
  const headers = requestHeaders(target, options.now());
  const result = await sender.send({
    url: target.webhook.url,
    headers,
    body: target.delivery.body,
    timeoutMs: options.timeoutMs,
  });
  return decide(
    result,
    { url: target.webhook.url, headers },
    target.delivery.attemptCount,
    options.schedule,
    options.now(),
  );
}
