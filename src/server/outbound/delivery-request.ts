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

/** One POST, ready for WebhookSender.send. */
export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The one builder of what Ringpost POSTs: the delivery's body as stored at ingestion (built once there,
 * never re-serialised, so that what was signed is what is sent and kept), to `url`, with the endpoint's
 * custom headers and then ours, signed at `now`. While a rotated-out secret is still valid it signs
 * too, so a receiver on either secret verifies.
 *
 * The worker, a person's Redeliver to another URL and the signature self-test all build their requests
 * here; the self-test alone passes `signedAt` (a stale timestamp is one of its cases) and `extraHeaders`.
 */
export function outboundRequest(
  delivery: { id: string; body: string },
  endpoint: SigningEndpoint & { url: string },
  now: Date,
  options: { signedAt?: Date; extraHeaders?: Record<string, string> } = {},
): OutboundRequest {
  const previous =
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
      ? endpoint.previousSecret
      : null;
  const signedAt = options.signedAt ?? now;
  return {
    url: endpoint.url,
    headers: {
      // Custom headers first: the contract refuses reserved names, and ours are written after regardless.
      ...endpoint.headers,
      ...options.extraHeaders,
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...signatureHeaders(
        { current: endpoint.secret, previous },
        delivery.id,
        Math.floor(signedAt.getTime() / 1000),
        delivery.body,
      ),
    },
    body: delivery.body,
  };
}
