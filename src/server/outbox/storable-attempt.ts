/**
 * What a receiver sends back is stored whatever its bytes. PostgreSQL refuses U+0000 in text and jsonb,
 * and lone surrogates in jsonb; an attempt that cannot be stored is never recorded, its lease runs out
 * and the delivery is sent again, for ever. So the body is kept as text only when it is UTF-8 without
 * NUL, otherwise as base64 of its bytes, and every other text from a receiver (headers, and error
 * messages that may quote them) has those characters escaped where they can be seen.
 */
import type { AttemptRecord, AttemptResult } from './record';
import { storableBody, storableHeaders, storableText } from '../outbound/storable-text';

// Kept in outbound/ for the HTTP layer too; exported here as well for the worker's callers and tests.
export { storableBody, storableHeaders, storableText };

/** An attempt as observed: the receiver's body still as the bytes that came back. */
export interface ObservedAttempt extends Omit<
  AttemptRecord,
  'responseBody' | 'responseBodyEncoding'
> {
  responseBody: Uint8Array | null;
}

/** The attempt as it can be stored, whatever the receiver sent. */
export function toStorableAttempt(observed: ObservedAttempt): AttemptRecord {
  const body =
    observed.responseBody === null
      ? null
      : storableBody(observed.responseBody, observed.responseTruncated);
  return {
    ...observed,
    url: storableText(observed.url),
    requestHeaders: storableHeaders(observed.requestHeaders),
    responseHeaders:
      observed.responseHeaders === null ? null : storableHeaders(observed.responseHeaders),
    responseBody: body?.body ?? null,
    responseBodyEncoding: body?.encoding ?? 'utf8',
    errorMessage: observed.errorMessage === null ? null : storableText(observed.errorMessage),
  };
}

export const UNRECORDABLE_MESSAGE = 'The details of this attempt could not be stored';

/**
 * The least of an attempt that keeps its delivery's schedule going when the full record could not be
 * stored: when, how long, the status and failure category, and nothing the receiver wrote.
 */
export function minimalAttempt(result: AttemptResult): AttemptResult {
  const { attempt, outcome } = result;
  const errorMessage = attempt.errorCategory === null ? null : UNRECORDABLE_MESSAGE;
  return {
    ...result,
    attempt: {
      // Whose attempt it was is ours to say, not the receiver's: kept, so that the Redeliver is spent.
      kind: attempt.kind,
      requestedBy: attempt.requestedBy,
      startedAt: attempt.startedAt,
      durationMs: attempt.durationMs,
      headersMs: attempt.headersMs,
      url: storableText(attempt.url),
      requestHeaders: {},
      responseStatus: attempt.responseStatus,
      responseHeaders: attempt.responseStatus === null ? null : {},
      responseBody: attempt.responseStatus === null ? null : '',
      responseBodyEncoding: 'utf8',
      responseTruncated: false,
      errorCategory: attempt.errorCategory,
      errorMessage,
    },
    outcome: {
      ...outcome,
      lastError:
        outcome.lastError === null ? null : `${attempt.errorCategory ?? 'error'}: ${errorMessage}`,
    },
  };
}
