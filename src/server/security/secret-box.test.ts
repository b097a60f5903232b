import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box';

const key = () => randomBytes(32);

describe('the secret box', () => {
  it('seals so that the value cannot be read back without the key, and opens it with the key', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('whsec_c2VjcmV0', 'webhook:1:secret');
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('whsec_');
    expect(sealed).not.toContain('c2VjcmV0');
    expect(box.open(sealed, 'webhook:1:secret')).toBe('whsec_c2VjcmV0');
    // A random IV: sealing twice gives two different strings.
    expect(box.seal('whsec_c2VjcmV0', 'webhook:1:secret')).not.toBe(sealed);
  });

  it('refuses a value moved to another place, altered, or sealed with an unknown key', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('value', 'webhook:1:header:x-api-key');
    expect(() => box.open(sealed, 'webhook:2:header:x-api-key')).toThrow(SecretBoxError);
    // One bit of the tag changed. (Replacing a character of the text with a fixed one left it as it was
    // whenever that character already was the replacement: one run in 64.)
    const prefix = sealed.slice(0, sealed.lastIndexOf(':') + 1);
    const bytes = Buffer.from(sealed.slice(prefix.length), 'base64url');
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
    const flipped = `${prefix}${bytes.toString('base64url')}`;
    expect(flipped).not.toBe(sealed);
    expect(() => box.open(flipped, 'webhook:1:header:x-api-key')).toThrow(/does not open/);
    expect(() => new SecretBox(key()).open(sealed, 'webhook:1:header:x-api-key')).toThrow(
      /RINGPOST_SECRET_KEY_PREVIOUS/,
    );
    expect(() => box.open('whsec_plain', 'webhook:1:secret')).toThrow(/not sealed/);
  });

  it('opens values sealed with a previous key and tells which values are current', () => {
    const oldKey = key();
    const newKey = key();
    const before = new SecretBox(oldKey).seal('s', 'c');
    const rotated = new SecretBox(newKey, [oldKey]);
    expect(rotated.open(before, 'c')).toBe('s');
    expect(rotated.isCurrent(before)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('s', 'c'))).toBe(true);
    expect(SecretBox.isSealed(before)).toBe(true);
    expect(SecretBox.isSealed('whsec_x')).toBe(false);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
