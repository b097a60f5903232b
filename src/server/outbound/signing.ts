/**
 * How every POST is signed (README "Verifying a delivery"):
 * - Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the
 *   key being the base64-decoded part of the secret after `whsec_`; one entry per valid secret, so that a
 *   receiver still on the previous secret keeps verifying during a rotation.
 * - Platform-compatible `X-Signature`: hex HMAC-SHA256 of the raw body keyed by the whole secret string,
 *   which is what the platform's published handler code computes.
 */
import { createHmac } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from '@contract/webhooks';

export function secretKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret,
    'base64',
  );
}

export function standardSignature(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): string {
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

export function platformSignature(secret: string, body: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex');
}

export interface SigningSecrets {
  current: string;
  /** The secret before the last rotation, while it is still valid. */
  previous?: string | null;
}

export function signatureHeaders(
  secrets: SigningSecrets,
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  const all = [secrets.current, ...(secrets.previous ? [secrets.previous] : [])];
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': all
      .map((secret) => standardSignature(secret, id, timestamp, body))
      .join(' '),
    'x-signature': platformSignature(secrets.current, body),
  };
}
