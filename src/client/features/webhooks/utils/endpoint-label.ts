import type { WebhookDetail } from '@contract/webhooks';

/**
 * What a breadcrumb calls an endpoint: its description, or "Endpoint" and the start of its id. A URL
 * there is squeezed to an unreadable middle; the page below shows it in full.
 */
export function endpointLabel({ id, description }: Pick<WebhookDetail, 'id' | 'description'>) {
  const described = description?.trim();
  return described ? described : `Endpoint ${id.slice(0, 8)}`;
}
