import { createHash, randomBytes } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from '@contract/webhooks';

/** An opaque bearer token for cookies or keys: 32 random bytes, base64url. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored as their SHA-256, so the database alone never yields a usable credential. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `whsec_` + base64 of 32 random bytes, the Standard Webhooks secret format. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');
}
