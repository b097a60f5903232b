/**
 * What the API says in words where people read it: error messages the UI shows as they are, and why an
 * endpoint is disabled. Written once here because two answer them: the server, and the mock API that
 * component tests and design mode run on (src/testing/mocks). Kept apart, their texts drifted.
 */
import type { Role } from './auth';

export const SIGN_IN_REQUIRED = 'Sign in to continue';

/** The same whether the email is unknown or the password wrong, so that neither can be probed. */
export const WRONG_CREDENTIALS = 'Email or password is incorrect';

export const NO_SUCH_ROUTE = 'No such API route';

export const INVALID_JSON = 'The request body is not valid JSON';

export const UNSUPPORTED_MEDIA_TYPE = 'Send the request body as application/json';

const ROLE_GROUPS: Record<Role, string> = {
  admin: 'admins',
  support: 'support staff',
  viewer: 'viewers',
};

/** The 403 for a role a route does not allow, naming the roles it does. */
export function roleRefused(role: Role, allowed: readonly Role[]): string {
  return `Your role (${role}) cannot do this: only ${allowed.map((r) => ROLE_GROUPS[r]).join(' and ')} can`;
}

/** The 404 for an id the caller's organisation does not have: `Endpoint not found`. */
export function notFoundMessage(
  what: 'Agent' | 'API key' | 'Call' | 'Delivery' | 'Endpoint' | 'Retry job',
) {
  return `${what} not found`;
}

/** The 409 for a second endpoint with the same (canonical) URL: the message, and the one beside the field. */
export const DUPLICATE_ENDPOINT_URL = {
  message: 'An endpoint with this URL already exists in your organisation',
  field: 'An endpoint with this URL already exists',
} as const;

/** What the SSRF guard calls an address it will not send to: "10.0.0.7 is <this>". */
export const INTERNAL_ADDRESS = 'a private, loopback, link-local or otherwise internal address';

/**
 * The URL guard's refusal of an endpoint URL (message and field text): `where` is "10.0.0.7 is" for an
 * IP address, or "db.internal resolves to 10.0.0.7," for a name; `why` what is wrong with the address.
 */
export function addressRefused(where: string, why: string = INTERNAL_ADDRESS): string {
  return `${where} ${why}; Ringpost only sends to public addresses.`;
}

/** Plain http is accepted only for receivers on the operator's allow-list (RINGPOST_ALLOWED_TARGETS). */
export const HTTPS_REQUIRED = 'Endpoint URLs must use https://';

/** `PUT /agents/{id}/webhook-subscriptions` with a `webhookId` the organisation does not have. */
export const UNKNOWN_ENDPOINT_ID = 'No endpoint with this id in your organisation';

/** The 409 `webhook_in_use` refusing to delete an endpoint, naming its agents (sorted by name). */
export function endpointInUse(agentNames: readonly string[]): string {
  const list =
    agentNames.length === 1
      ? (agentNames[0] ?? '')
      : `${agentNames.slice(0, -1).join(', ')} and ${agentNames.at(-1) ?? ''}`;
  const noun = agentNames.length === 1 ? 'that assignment' : 'those assignments';
  return `This endpoint is used by ${list}. Remove ${noun} first.`;
}

/** The 409 for a tool used on a disabled endpoint; `action` completes "enable it to …". */
export function endpointDisabled(action: string): string {
  return `This endpoint is disabled: enable it to ${action}`;
}

/** Refusals of a bulk retry (`/webhooks/{id}/retry-jobs`). */
export const RETRY_JOB_REFUSALS = {
  endpointDisabled: 'This endpoint is disabled: enable it first, then retry its failed deliveries',
  alreadyRunning:
    'A retry job is already running for this endpoint: wait for it to finish or cancel it',
  alreadyFinished: 'This retry job has already finished',
  alreadyCancelled: 'This retry job has already been cancelled',
} as const;

export const REDELIVERY_IN_PROGRESS =
  'This delivery is being attempted right now; wait for the attempt to finish';

/**
 * An endpoint's `disabledReason`. No date in it: when is `disabledAt`, a timestamp that each reader's
 * page formats like every other date.
 */
export const disabledReason = {
  byPerson: (name: string) => `Disabled by ${name}`,
  gone: 'Disabled automatically: the endpoint answered 410 Gone',
  failing: 'Disabled automatically: every delivery failed for 5 days',
};
