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
  apiKeys: ['api-keys'],
} as const;
