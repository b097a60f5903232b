/**
 * What the inspector's detail panel says about a delivery's attempts and outcome. Apart from
 * delivery-status.ts, which the lists use, so that a list (the Webhook tab's recent deliveries among
 * them) does not load the detail panel's sentences.
 */
import type { DeliveryAttempt, DeliveryDetail } from '@contract/deliveries';
import { formatDuration, formatGap, plural } from '@client/lib/format';
import { FAILURE_CATEGORY_LABELS, waitingText } from './delivery-status';

/** Why an attempt was made, and by whom. */
export function attemptKindText(
  attempt: Pick<DeliveryAttempt, 'kind' | 'requestedBy' | 'request'>,
) {
  const by = attempt.requestedBy ? ` by ${attempt.requestedBy}` : '';
  switch (attempt.kind) {
    case 'scheduled':
      return 'Scheduled';
    case 'redelivery':
      return `Redelivery${by}`;
    case 'redelivery_to_url':
      return `Redelivered to ${attempt.request.url}${by}`;
  }
}

/** The attempts made to the endpoint itself (a one-off redelivery to another URL is not one). */
export function endpointAttempts(delivery: DeliveryDetail): DeliveryAttempt[] {
  return delivery.attempts.filter((attempt) => attempt.kind !== 'redelivery_to_url');
}

/**
 * Why the delivery is where it is, in one or two sentences: delivered (on which attempt, how long
 * after the event was accepted), failed after N attempts and why, skipped because the endpoint was
 * disabled, or still on its way (what it waits for).
 */
export function outcomeText(delivery: DeliveryDetail): string {
  const attempts = endpointAttempts(delivery);
  const last = attempts.at(-1);
  switch (delivery.status) {
    case 'succeeded': {
      const took =
        delivery.completedAt !== null
          ? `, ${formatGap(Date.parse(delivery.completedAt) - Date.parse(delivery.createdAt))} after the event was accepted`
          : '';
      return last ? `Delivered on attempt ${last.number}${took}.` : `Delivered${took}.`;
    }
    case 'failed': {
      const why = last?.error
        ? `: the last one ${last.error.category === 'http_status' ? 'got an error response' : FAILURE_CATEGORY_LABELS[last.error.category].toLowerCase()} (${last.error.message})`
        : '';
      const gone =
        last?.response?.status === 410
          ? ' The endpoint answered 410 Gone, so it was disabled.'
          : '';
      return `Failed after ${plural(attempts.length, 'attempt', 'attempts')}${why}. No more automatic retries: redeliver it to try again.${gone}`;
    }
    case 'skipped':
      return 'Skipped: the endpoint was disabled when this delivery was due, so nothing was sent. Replay skipped deliveries from the endpoint’s page once it is enabled.';
    case 'delivering':
      return 'Being sent right now.';
    case 'pending':
      if (delivery.waitingFor) {
        return `${waitingText(delivery.waitingFor)}: per-call order sends a call's events one after another, so this one goes once that one has been delivered or has finally failed.`;
      }
      if (last?.error) {
        return `Attempt ${last.number} failed (${FAILURE_CATEGORY_LABELS[last.error.category]}: ${last.error.message}); it will be tried again.`;
      }
      return 'Queued for its first attempt.';
  }
}

/** "612 ms, headers after 490 ms" */
export function attemptTimings(attempt: Pick<DeliveryAttempt, 'durationMs' | 'headersMs'>): string {
  const total = formatDuration(attempt.durationMs);
  return attempt.headersMs === null
    ? total
    : `${total}, headers after ${formatDuration(attempt.headersMs)}`;
}

/** Header names in order, ignoring case: what was sent is easier to compare between attempts. */
export function sortedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return Object.keys(headers).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en'));
}
