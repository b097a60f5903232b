/**
 * Secrets at rest: signing secrets and custom-header values are stored sealed with AES-256-GCM, so a
 * copy of the database alone cannot sign a delivery or call a customer's API (docs/decisions/0012).
 *
 * A sealed value reads `enc:v1:<key id>:<base64url of iv ‖ ciphertext ‖ tag>`. The key id (the first
 * 8 hex digits of the key's SHA-256) says which key sealed it, so a rotated key can still open old
 * values while `secrets:reencrypt` moves them to the new one. Each value is bound to where it belongs
 * (additional authenticated data such as `webhook:<id>:secret`): a sealed value copied into another
 * row or field does not open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Opened values kept for the worker's hot path: every attempt needs its endpoint's secret. */
const OPENED_CACHE_MAX = 2_000;

export class SecretBox {
  /** The id of the key new values are sealed with. */
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();
  private readonly opened = new Map<string, string>();

  /** `current` seals and opens; `previous` keys only open (during a rotation). */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new SecretBoxError('A secret key is 32 bytes');
      this.keys.set(keyIdOf(key), key);
    }
    this.currentKeyId = keyIdOf(current);
  }

  static fromBase64(current: string, previous: readonly string[] = []): SecretBox {
    return new SecretBox(
      Buffer.from(current, 'base64'),
      previous.map((key) => Buffer.from(key, 'base64')),
    );
  }

  seal(plaintext: string, context: string): string {
    const key = this.keys.get(this.currentKeyId);
    if (!key) throw new SecretBoxError('unreachable: the current key is always held');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([
      iv,
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${PREFIX}${this.currentKeyId}:${sealed.toString('base64url')}`;
  }

  open(sealed: string, context: string): string {
    // The random IV makes every sealed string unique, so the pair names one plaintext for good.
    const cacheKey = `${context}\n${sealed}`;
    const cached = this.opened.get(cacheKey);
    if (cached !== undefined) return cached;
    const plaintext = this.openUncached(sealed, context);
    if (this.opened.size >= OPENED_CACHE_MAX) this.opened.clear();
    this.opened.set(cacheKey, plaintext);
    return plaintext;
  }

  private openUncached(sealed: string, context: string): string {
    const match = /^enc:v1:([0-9a-f]{8}):([A-Za-z0-9_-]+)$/.exec(sealed);
    if (!match) throw new SecretBoxError('The value is not sealed');
    const [, keyId = '', payload = ''] = match;
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretBoxError(
        `The value was sealed with key ${keyId}, which is neither RINGPOST_SECRET_KEY nor in RINGPOST_SECRET_KEY_PREVIOUS`,
      );
    }
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES)
      throw new SecretBoxError('The sealed value is cut short');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretBoxError('The sealed value does not open: altered, or moved from elsewhere');
    }
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  /** Sealed with the current key: nothing for a re-encryption to do. */
  isCurrent(value: string): boolean {
    return value.startsWith(`${PREFIX}${this.currentKeyId}:`);
  }
}
