import { describe, expect, it } from 'vitest';
import {
  decoyPasswordHash,
  DEFAULT_COST,
  generatePassword,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords';

const cheap = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('s3cret passphrase', cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('s3cret passphrase', hash)).toBe(true);
    expect(await verifyPassword('s3cret passphrasE', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });

  it('hashes at N = 2^17, r = 8, p = 1 by default', () => {
    expect(DEFAULT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('asks for a re-hash only of hashes weaker than the target', async () => {
    const hash = await hashPassword('x', cheap);
    expect(needsRehash(hash, cheap)).toBe(false);
    expect(needsRehash(hash, { ...cheap, N: 2048 })).toBe(true);
    expect(needsRehash(hash, { ...cheap, r: 16 })).toBe(true);
    expect(needsRehash(hash, { ...cheap, N: 512 })).toBe(false);
    expect(needsRehash('bcrypt$whatever', cheap)).toBe(false);
  });

  it('makes the decoy hash at the cost asked for, so that unknown emails take as long as known ones', async () => {
    expect(await decoyPasswordHash(cheap)).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await decoyPasswordHash({ N: 2048, r: 8, p: 1 })).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(await decoyPasswordHash(cheap)).toBe(await decoyPasswordHash(cheap));
  });

  it('generates readable passwords of the asked length', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(generatePassword()).not.toBe(password);
  });
});
