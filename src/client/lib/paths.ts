/**
 * Every in-app URL, built in one place so that features can link to each other's pages without
 * importing each other.
 */
/**
 * A query string that stays readable: slashes in a path-valued parameter need no escaping
 * (RFC 3986 allows them in a query), so `?returnTo=/agents/1/webhook` rather than `%2Fagents%2F…`.
 */
function query(params: Record<string, string>): string {
  return `?${new URLSearchParams(params).toString().replaceAll('%2F', '/')}`;
}

/** `?a=1&b=2` from the parameters that are set, or nothing when none is. */
function optionalQuery(params: Readonly<Record<string, string | undefined>>): string {
  const set = Object.entries(params).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
  );
  return set.length > 0 ? query(Object.fromEntries(set)) : '';
}

/** The Deliveries page's filters and search, as they travel in its URL. */
export type DeliveriesSearch = Readonly<Record<string, string | undefined>>;

export const paths = {
  home: () => '/',
  signIn: (next?: string) => (next ? `/sign-in${query({ next })}` : '/sign-in'),
  agents: () => '/agents',
  agent: (agentId: string) => `/agents/${agentId}`,
  agentGeneral: (agentId: string) => `/agents/${agentId}/general`,
  agentWebhook: (agentId: string) => `/agents/${agentId}/webhook`,
  webhooks: () => '/webhooks',
  newWebhook: (returnTo?: string) =>
    returnTo ? `/webhooks/new${query({ returnTo })}` : '/webhooks/new',
  webhook: (webhookId: string) => `/webhooks/${webhookId}`,
  apiKeys: () => '/api-keys',
  /** Monitor → Deliveries, narrowed by any of its filters (`q`, `status`, `webhookId`, …). */
  deliveries: (search: DeliveriesSearch = {}) => `/deliveries${optionalQuery(search)}`,
  /** One delivery, opened over the Deliveries page (with the list's filters, when it has some). */
  delivery: (deliveryId: string, search: DeliveriesSearch = {}) =>
    `/deliveries/${encodeURIComponent(deliveryId)}${optionalQuery(search)}`,
  /** Every delivery of one call, Start → End → Analytics Completed, per endpoint. */
  call: (callId: string) => `/calls/${encodeURIComponent(callId)}`,
} as const;

/**
 * `value` when it is a path inside this app, otherwise `fallback`. Redirect targets come from the
 * query string, so anything that could leave the origin (`//evil.example`, `/\evil.example`,
 * `https://…`) is refused.
 */
export function safeInternalPath(value: string | null | undefined, fallback: string): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  try {
    const url = new URL(value, window.location.origin);
    if (url.origin !== window.location.origin) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** Adds or replaces one search parameter of an internal path. */
export function withSearchParam(path: string, name: string, value: string): string {
  const url = new URL(path, window.location.origin);
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
