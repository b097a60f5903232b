/**
 * The root of each resource's query keys. Features build their own key factories on these; they
 * live here because resources embed each other (an agent shows its webhook, a webhook lists its
 * agents), so a change in one feature must invalidate the other's queries by prefix without
 * importing that feature.
 */
export const resourceKeys = {
  session: ['session'],
  agents: ['agents'],
  webhooks: ['webhooks'],
  /** Deliveries change under every endpoint and agent (tests, test calls, replays, redeliveries). */
  deliveries: ['deliveries'],
  /** One call's deliveries across endpoints (`GET /calls/{callId}`). */
  calls: ['calls'],
  apiKeys: ['api-keys'],
} as const;

/**
 * The prefixes that live updates (live-updates.ts) invalidate when the server says what changed.
 * The features' key factories are built on these, so both agree on where each query lives.
 */
export const livePrefixes = {
  /** Every list of deliveries: the inspector, an endpoint's recent deliveries, a test call. */
  deliveryLists: [...resourceKeys.deliveries, 'list'],
  deliveryDetail: (deliveryId: string) => [...resourceKeys.deliveries, 'detail', deliveryId],
  call: (callId: string) => [...resourceKeys.calls, callId],
  webhookLists: [...resourceKeys.webhooks, 'list'],
  webhookDetail: (webhookId: string) => [...resourceKeys.webhooks, 'detail', webhookId],
  webhookHealth: (webhookId: string) => [...resourceKeys.webhooks, 'health', webhookId],
  /** An endpoint's bulk retry jobs: the list, each job and the preview counts. */
  webhookRetryJobs: (webhookId: string) => [...resourceKeys.webhooks, 'retry-jobs', webhookId],
} as const;
