import { livePrefixes, resourceKeys } from '@client/lib/query-keys';

export const webhookKeys = {
  all: resourceKeys.webhooks,
  lists: () => livePrefixes.webhookLists,
  details: () => [...webhookKeys.all, 'detail'] as const,
  detail: (webhookId: string) => livePrefixes.webhookDetail(webhookId),
  health: (webhookId: string) => livePrefixes.webhookHealth(webhookId),
  /** Everything about an endpoint's bulk retries: its jobs, each job, the preview counts. */
  retryJobs: (webhookId: string) => livePrefixes.webhookRetryJobs(webhookId),
  retryJobList: (webhookId: string) => [...webhookKeys.retryJobs(webhookId), 'list'] as const,
  retryJobPreview: (webhookId: string, since: string) =>
    [...webhookKeys.retryJobs(webhookId), 'preview', since] as const,
};
