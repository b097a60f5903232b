import type { DeliveryStatus, FailureCategory } from '@contract/deliveries';

type Tone = 'success' | 'neutral' | 'warning' | 'danger';

export const DELIVERY_STATUS_INFO: Record<DeliveryStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  delivering: { label: 'Sending', tone: 'neutral' },
  succeeded: { label: 'Delivered', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'warning' },
};

/** Why an attempt failed, in the words a receiver's owner would search for. */
export const FAILURE_CATEGORY_LABELS: Record<FailureCategory, string> = {
  dns: 'DNS lookup failed',
  connect: 'Connection failed',
  tls: 'TLS error',
  timeout: 'Timed out',
  http_status: 'Error response',
  redirect: 'Redirect (not followed)',
  blocked: 'Blocked address',
  endpoint_disabled: 'Endpoint disabled',
};

/** Still on its way: the engine will make (another) attempt, so the page should keep looking. */
export function isInFlight({ status }: { status: DeliveryStatus }): boolean {
  return status === 'pending' || status === 'delivering';
}
