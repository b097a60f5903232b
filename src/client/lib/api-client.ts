/**
 * The one way the browser talks to the API; every failure becomes an `ApiError` carrying the envelope's
 * code, message and field errors.
 *
 * In development (`npm run dev`, mock mode, Storybook's dev server, the component tests) every answer is
 * checked against the contract schema the caller names, so a server that drifts from the contract fails
 * loudly here instead of deep in a component. A production build trusts the server, whose answers are
 * typed by the same contract: callers pass `import.meta.env.DEV && Schema`, which the build reduces to
 * `false`, so that neither the schema nor zod reaches the pages' first download
 * (docs/decisions/0016-first-load-budget.md).
 */
import type { z } from 'zod';
import {
  ApiErrorSchema,
  type ApiErrorBody,
  type ErrorCode,
  type FieldErrors,
} from '@contract/errors';

export const API_BASE_PATH = '/api/v1';

/** Codes the server sends, plus two only the client can observe. */
export type ApiErrorCode = ErrorCode | 'network_error' | 'invalid_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Dotted input path (`url`, `headers.X-Key`) → message, to show beside each input. */
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The message to show for any thrown value: the server's own words when there are some. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return 'Something went wrong. Try again.';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

async function send(path: string, { method = 'GET', body, signal }: RequestOptions) {
  // An absolute URL: the same string works in the browser and under jsdom, whose fetch (Node's)
  // refuses relative URLs.
  const url = new URL(`${API_BASE_PATH}${path}`, window.location.href);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    // A cancelled request is not a network failure: let the caller (React Query) see it as such.
    if (signal?.aborted) throw error;
    throw new ApiError(
      0,
      'network_error',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  if (!response.ok) throw await toApiError(response, `${method} ${path}`);
  return response;
}

/**
 * Whether `payload` (`undefined` when the body was not JSON) is an answer as `schema` describes it.
 * Without a schema (a production build), any JSON is. A mismatch is kept in the console for whoever
 * debugs it; the user gets one plain sentence. Also for what the server sends outside a request (the
 * live stream).
 */
export function conforms(schema: z.ZodType | false, payload: unknown, answerTo: string): boolean {
  if (payload === undefined) {
    console.error(`Unexpected response from ${answerTo}: not JSON`);
    return false;
  }
  if (!schema) return true;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) console.error(`Unexpected response from ${answerTo}`, parsed.error.issues);
  return parsed.success;
}

/**
 * The envelope's shape, enough to tell Ringpost's own error from a proxy's page even where the contract
 * is not checked (a 502 from a load balancer is HTML, or JSON of another shape).
 */
function isErrorEnvelope(payload: unknown): payload is ApiErrorBody {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return false;
  const { error } = payload;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

async function toApiError(response: Response, answerTo: string): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => undefined);
  if (
    isErrorEnvelope(payload) &&
    conforms(import.meta.env.DEV && ApiErrorSchema, payload, answerTo)
  ) {
    const { code, message, fields } = payload.error;
    return new ApiError(response.status, code, message, fields);
  }
  return new ApiError(
    response.status,
    response.status === 401 ? 'unauthenticated' : 'internal',
    `The server answered ${response.status} ${response.statusText}`.trim(),
  );
}

/**
 * Sends a request and returns the JSON answer, checked against `schema` when one is given: pass
 * `import.meta.env.DEV && Schema` (see the top of this file).
 */
export async function apiRequest<Schema extends z.ZodType>(
  path: string,
  schema: Schema | false,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  const response = await send(path, options);
  const payload: unknown = await response.json().catch((error: unknown) => {
    // Cancelled while the body was read (React Query cancels a query nobody waits for any more, or
    // one a mutation is about to change): a cancellation, as in `send`, not an answer to complain of.
    if (options.signal?.aborted) throw error;
    return undefined;
  });
  if (!conforms(schema, payload, `${options.method ?? 'GET'} ${path}`)) {
    throw new ApiError(
      response.status,
      'invalid_response',
      'The server sent an answer this page does not understand. Reload the page and try again.',
    );
  }
  // The contract's answer schemas transform nothing: the checked answer is the answer as sent.
  return payload as z.output<Schema>;
}

/** Sends a request whose success answer has no body (204). */
export async function apiRequestNoContent(
  path: string,
  options: RequestOptions = {},
): Promise<void> {
  await send(path, options);
}
