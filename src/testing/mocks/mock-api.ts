/**
 * What every mock route shares: the base URL, the error envelope, reading and validating a body
 * with a contract schema, an optional delay for design mode, and the preamble of a route (the delay,
 * the session and role checks, then for `/…/:id` routes the id check and the lookup).
 */
import { HttpResponse, delay, http, type PathParams } from 'msw';
import type { z } from 'zod';
import { IdParamSchema } from '@contract/common';
import {
  INVALID_JSON,
  notFoundMessage,
  roleRefused,
  SIGN_IN_REQUIRED,
} from '@contract/api-messages';
import { ROLES, type Role } from '@contract/auth';
import {
  ApiErrorSchema,
  fieldErrorsOf,
  summariseFieldErrors,
  type ErrorCode,
  type FieldErrors,
} from '@contract/errors';
import { answer } from './mock-answer';
import { currentMockUser, db, type UserRecord } from './mock-db';

/** Any origin: relative URLs in the browser, absolute ones under jsdom. */
export const API = '*/api/v1';

/**
 * How the pretend network behaves, for design mode (src/testing/scenarios.ts): answers at once, slowly
 * (to see loading states), not at all (a network error, as when offline), or with the server's 500.
 */
export const NETWORK_MODES = ['instant', 'slow', 'offline', 'server-errors'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/** Long enough to look at a loading state, short enough not to be mistaken for a hang. */
export const SLOW_LATENCY_MS = 2_500;

const defaults = { latencyMs: 0, network: 'instant' as NetworkMode };
const settings = { ...defaults };

/** Design mode sets a latency or a network mode; tests keep the defaults (no delay, no faults). */
export function configureMockApi(options: { latencyMs?: number; network?: NetworkMode }) {
  Object.assign(settings, defaults, options);
}

/** The delay of every route (through `guard`, or called directly by the few that are not guarded). */
export async function simulateLatency() {
  const latencyMs = settings.network === 'slow' ? SLOW_LATENCY_MS : settings.latencyMs;
  if (latencyMs > 0) await delay(latencyMs);
}

/**
 * The offline and server-errors modes, answered ahead of every other handler (handlers.ts lists these
 * first): a network that is down fails before any check the server would make. Other modes fall
 * through to the routes, as MSW does when a resolver returns nothing.
 */
export const networkHandlers = [
  http.all(`${API}/*`, () => {
    if (settings.network === 'offline') return HttpResponse.error();
    if (settings.network === 'server-errors') {
      return apiError(500, 'internal', 'Something went wrong on our side');
    }
    return undefined;
  }),
];

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
  return answer(
    ApiErrorSchema,
    { error: { code, message, ...(fields ? { fields } : {}) } },
    status,
  );
}

export function noContent(): Response {
  return new HttpResponse(null, { status: 204 });
}

/** The server's 400 for invalid input, built by the same contract function as the server's. */
export function validationFailed(issues: readonly z.core.$ZodIssue[]): Response {
  return invalidFields(fieldErrorsOf(issues));
}

/** The 400 naming each invalid field, its message summarising them as the server's does. */
export function invalidFields(fields: FieldErrors): Response {
  return apiError(400, 'validation_failed', summariseFieldErrors(fields), fields);
}

/** Whether the request says its body is JSON (`application/json`, any parameters). */
export function isJsonRequest(request: Request): boolean {
  return (
    request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/json'
  );
}

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Reads and validates a JSON body the way the server does: 400 `invalid_json` or `validation_failed`. */
export async function parseBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<Parsed<z.output<Schema>>> {
  let body: unknown;
  try {
    const text = await request.text();
    // As the server's validators read it: no body and no JSON content type is an empty object.
    body = text === '' && !isJsonRequest(request) ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json', INVALID_JSON) };
  }
  let result;
  try {
    result = schema.safeParse(body);
  } catch {
    // The contract's URL rule throws on some malformed URLs instead of reporting them; answer the
    // way a validation failure would.
    return {
      ok: false,
      response: invalidFields({ url: 'Enter a full URL, such as https://example.com/webhook' }),
    };
  }
  if (!result.success) {
    return { ok: false, response: validationFailed(result.error.issues) };
  }
  return { ok: true, data: result.data };
}

/** Who may use a route: anyone signed in, admins only, or admins and support staff. */
export type Access = 'signedIn' | 'admin' | 'adminOrSupport';

const ALLOWED_ROLES: Record<Access, readonly Role[]> = {
  signedIn: ROLES,
  admin: ['admin'],
  adminOrSupport: ['admin', 'support'],
};

type Handle<Args extends unknown[]> = (...args: Args) => Response | Promise<Response>;

/**
 * The start of every guarded route: the design-mode latency, then the 401 / 403 the server would
 * answer. `admin` for changes; `adminOrSupport` for the tools support staff may use too (tests,
 * test calls, redeliveries, replays). `handle` runs only for a user the route lets in.
 */
export async function guard(access: Access, handle: Handle<[user: UserRecord]>): Promise<Response> {
  await simulateLatency();
  const user = currentMockUser();
  if (!user) return apiError(401, 'unauthenticated', SIGN_IN_REQUIRED);
  const allowed = ALLOWED_ROLES[access];
  if (!allowed.includes(user.role)) {
    return apiError(403, 'forbidden', roleRefused(user.role, allowed));
  }
  return handle(user);
}

/** A route's JSON body: the request, and the contract schema it is read with. */
export interface RouteBody<Schema extends z.ZodType> {
  request: Request;
  schema: Schema;
}

/**
 * A guarded route on the record its `:id` names, checked in the server's order (role middleware,
 * then the path's and the body's validators, then the handler): the 401 / 403, a malformed id (a
 * validation error, src/contract/common.ts), the body when the route takes one, and only then an
 * unknown id (a 404). `handle` gets the record, the user and the body as read.
 */
export function recordRoute<R>(
  find: (id: string) => R | undefined,
  what: Parameters<typeof notFoundMessage>[0],
  paramsSchema: z.ZodType<{ id: string }> = IdParamSchema,
) {
  return <Schema extends z.ZodType = z.ZodNever>(
    params: PathParams,
    access: Access,
    handle: Handle<[record: R, user: UserRecord, body: z.output<Schema>]>,
    body?: RouteBody<Schema>,
  ) =>
    guard(access, async (user) => {
      const parsed = paramsSchema.safeParse({ id: params.id });
      if (!parsed.success) return validationFailed(parsed.error.issues);
      let data = undefined as z.output<Schema>;
      if (body) {
        const read = await parseBody(body.request, body.schema);
        if (!read.ok) return read.response;
        data = read.data;
      }
      const record = find(parsed.data.id);
      if (!record) return apiError(404, 'not_found', notFoundMessage(what));
      return handle(record, user, data);
    });
}

export const withAgent = recordRoute((id) => db.agents.find((agent) => agent.id === id), 'Agent');

export const withWebhook = recordRoute(
  (id) => db.webhooks.find((webhook) => webhook.id === id),
  'Endpoint',
);
