import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID: 48 bits of milliseconds then 80 random bits, in Crockford base32. Sorting ids sorts
 * deliveries by creation, which keeps the inspector's pages stable; `msg_` marks what it names, as the
 * Standard Webhooks examples do.
 */
export function newDeliveryId(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD.charAt((bytes[i] ?? 0) % 32);
  return `msg_${time}${random}`;
}
