import { queryOptions, useQuery } from '@tanstack/react-query';
import { CallViewSchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { LIVE_FALLBACK_POLL_MS, useLiveUpdates } from '@client/lib/live-updates';
import { isInFlight } from '../utils/delivery-status';
import { deliveryKeys } from './delivery-keys';

export function getCall(callId: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiRequest(`/calls/${encodeURIComponent(callId)}`, import.meta.env.DEV && CallViewSchema, {
    signal,
  });
}

export function callQueryOptions(callId: string) {
  return queryOptions({
    queryKey: deliveryKeys.call(callId),
    queryFn: ({ signal }) => getCall(callId, { signal }),
  });
}

/** Every delivery of one call, kept up to date by the live stream while the view is open. */
export function useCall(callId: string) {
  const live = useLiveUpdates();
  return useQuery({
    ...callQueryOptions(callId),
    refetchInterval: (query) =>
      live !== 'open' && query.state.data?.deliveries.some(isInFlight)
        ? LIVE_FALLBACK_POLL_MS
        : false,
  });
}
