/**
 * The request a delivery makes — its headers, signed — and the form in which those headers are kept.
 * Built here, in one place, for the worker's attempts and for a person's one-off Redeliver to another
 * URL (the HTTP layer), so that both sign exactly alike (docs/decisions/0007).
 */
import { MASKED_HEADER_VALUE } from '@contract/webhooks';
import { USER_AGENT } from '../version';
import { signatureHeaders } from './signing';

/** The headers Ringpost writes itself; every other request header is an endpoint's custom header. */
const OWN_HEADER_NAMES: ReadonlySet<string> = new Set([
  'content-type',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-signature',
]);

/**
 * The request headers as they may be kept: custom headers' values are credentials (API keys, basic
 * auth), and attempts are kept for a long time and shown to every role, so only their names remain.
 */
export function maskCustomHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = OWN_HEADER_NAMES.has(name.toLowerCase()) ? value : MASKED_HEADER_VALUE;
  return out;
}

/** An endpoint's credentials, opened (security/webhook-credentials.ts). */
export interface SigningEndpoint {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  headers: Record<string, string>;
}

/**
 * The headers of one POST of this delivery, signed at `now`: the endpoint's custom headers, then ours.
 * While a rotated-out secret is still valid it signs too, so a receiver on either secret verifies.
 */
export function deliveryRequestHeaders(
  delivery: { id: string; body: string },
  endpoint: SigningEndpoint,
  now: Date,
): Record<string, string> {
  const previous =
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
      ? endpoint.previousSecret
      : null;
  return {
    // Custom headers first: the contract refuses reserved names, and ours are written after regardless.
    ...endpoint.headers,
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    ...signatureHeaders(
      { current: endpoint.secret, previous },
      delivery.id,
      Math.floor(now.getTime() / 1000),
      delivery.body,
    ),
  };
}
