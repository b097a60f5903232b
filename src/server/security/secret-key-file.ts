/**
 * Where the key that seals secrets at rest comes from: RINGPOST_SECRET_KEY when set (the production
 * setting, kept in the operator's secret store, never beside the database); otherwise, for the embedded
 * database only, a key generated once into DATA_DIR/secret.key. PostgreSQL without a key refuses to
 * start: a database server's backups travel far, and a key beside them would defeat the point.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Env } from '../env';
import { EnvError } from '../env';
import { SecretBox } from './secret-box';

export const SECRET_KEY_FILE = 'secret.key';

function readOrCreateKeyFile(dataDir: string): string {
  const path = join(resolve(dataDir), SECRET_KEY_FILE);
  mkdirSync(resolve(dataDir), { recursive: true });
  try {
    // `wx`: a process starting at the same moment may have written it first; then read theirs.
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
  const key = readFileSync(path, 'utf8').trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(key)) {
    throw new EnvError(`Ringpost cannot start: ${path} does not hold a base64 32-byte key.`);
  }
  return key;
}

export function loadSecretBox(env: Env): SecretBox {
  if (env.RINGPOST_SECRET_KEY) {
    return SecretBox.fromBase64(env.RINGPOST_SECRET_KEY, env.RINGPOST_SECRET_KEY_PREVIOUS);
  }
  if (env.DATABASE_URL) {
    throw new EnvError(
      'Ringpost cannot start: RINGPOST_SECRET_KEY is required with DATABASE_URL (signing secrets are ' +
        'encrypted with it). Generate one with: openssl rand -base64 32',
    );
  }
  return SecretBox.fromBase64(readOrCreateKeyFile(env.DATA_DIR), env.RINGPOST_SECRET_KEY_PREVIOUS);
}
