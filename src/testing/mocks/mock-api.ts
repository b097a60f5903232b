/**
 * What every mock route shares: the base URL, the error envelope, reading and validating a body
 * with a contract schema, the session and role checks, and an optional delay for design mode.
 */
import { HttpResponse, delay } from 'msw';
import type { z } from 'zod';
import { IdSchema } from '@contract/common';
import type { ApiErrorBody, ErrorCode, FieldErrors } from '@contract/errors';
import { currentMockUser, type UserRecord } from './mock-db';

/** Any origin: relative URLs in the browser, absolute ones under jsdom. */
export const API = '*/api/v1';

const settings = { latencyMs: 0 };

/** Design mode sets a latency so that loading states can be seen; tests keep 0. */
export function configureMockApi(options: { latencyMs?: number }) {
  Object.assign(settings, options);
}

export async function simulateLatency() {
  if (settings.latencyMs > 0) await delay(settings.latencyMs);
}

/**
 * Typed as a plain `Response` so that a route's success type (inferred by MSW from its other
 * returns) is not forced to be the error envelope.
 */
export function apiError(
  status: number,
  code: ErrorCode,
  message: string,
  fields?: FieldErrors,
): Response {
  return HttpResponse.json<ApiErrorBody>(
    { error: { code, message, ...(fields ? { fields } : {}) } },
    { status },
  );
}

export function noContent(): Response {
  return new HttpResponse(null, { status: 204 });
}

/** The server's `fields`: dotted input path → the first message for it. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    const message =
      issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    fields[path] ??= message;
  }
  return fields;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Reads and validates a JSON body the way the server does: 400 `invalid_json` or `validation_failed`. */
export async function parseBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<Parsed<z.output<Schema>>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return {
      ok: false,
      response: apiError(400, 'invalid_json', 'The request body is not valid JSON'),
    };
  }
  let result;
  try {
    result = schema.safeParse(body);
  } catch {
    // The contract's URL rule throws on some malformed URLs instead of reporting them; answer the
    // way a validation failure would.
    return {
      ok: false,
      response: apiError(400, 'validation_failed', 'Check the highlighted fields', {
        url: 'Enter a full URL, such as https://example.com/webhook',
      }),
    };
  }
  if (!result.success) {
    return {
      ok: false,
      response: apiError(
        400,
        'validation_failed',
        'Check the highlighted fields',
        toFieldErrors(result.error.issues),
      ),
    };
  }
  return { ok: true, data: result.data };
}

type Authorised = { ok: true; user: UserRecord } | { ok: false; response: Response };

/**
 * The signed-in user, or the 401 / 403 the server would answer. `adminOnly` for changes;
 * `adminOrSupport` for the tools support staff may use too (tests, test calls, redeliveries, replays).
 */
export function authorise({ adminOnly = false, adminOrSupport = false } = {}): Authorised {
  const user = currentMockUser();
  if (!user) {
    return { ok: false, response: apiError(401, 'unauthenticated', 'Sign in to continue') };
  }
  if (adminOnly && user.role !== 'admin') {
    return {
      ok: false,
      response: apiError(
        403,
        'forbidden',
        'Your role does not allow this: only admins can make changes',
      ),
    };
  }
  if (adminOrSupport && user.role === 'viewer') {
    return {
      ok: false,
      response: apiError(
        403,
        'forbidden',
        'Your role does not allow this: only admins and support staff can send tests and redeliver',
      ),
    };
  }
  return { ok: true, user };
}

/** A malformed id is a validation error, an unknown one a 404 (src/contract/common.ts). */
export function checkId(value: unknown): Response | null {
  return IdSchema.safeParse(value).success
    ? null
    : apiError(400, 'validation_failed', 'Check the highlighted fields', {
        id: 'Must be a valid id',
      });
}
