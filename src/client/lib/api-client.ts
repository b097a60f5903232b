/**
 * The one way the browser talks to the API. Every response is parsed with the contract schema the
 * caller names, so a server that drifts from the contract fails loudly here instead of deep in a
 * component; every failure becomes an `ApiError` carrying the envelope's code, message and field errors.
 */
import type { z } from 'zod';
import { ApiErrorSchema, type ErrorCode, type FieldErrors } from '@contract/errors';

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
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => null);
  const parsed = ApiErrorSchema.safeParse(payload);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(response.status, code, message, fields);
  }
  return new ApiError(
    response.status,
    response.status === 401 ? 'unauthenticated' : 'internal',
    `The server answered ${response.status} ${response.statusText}`.trim(),
  );
}

/** Sends a request and parses the JSON answer with `schema`. */
export async function apiRequest<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  const response = await send(path, options);
  const payload: unknown = await response.json().catch((error: unknown) => {
    // Cancelled while the body was read (React Query cancels a query nobody waits for any more, or
    // one a mutation is about to change): a cancellation, as in `send`, not an answer to complain of.
    if (options.signal?.aborted) throw error;
    return undefined;
  });
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    // Kept in the console for whoever debugs the drift; the user gets one plain sentence.
    console.error(
      `Unexpected response from ${options.method ?? 'GET'} ${path}`,
      parsed.error.issues,
    );
    throw new ApiError(
      response.status,
      'invalid_response',
      'The server sent an answer this page does not understand. Reload the page and try again.',
    );
  }
  return parsed.data;
}

/** Sends a request whose success answer has no body (204). */
export async function apiRequestNoContent(
  path: string,
  options: RequestOptions = {},
): Promise<void> {
  await send(path, options);
}
