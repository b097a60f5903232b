/**
 * A database of a test file's own: an in-memory PGlite by default, or — when the suite runs as the
 * `server-postgres` project — a fresh database on TEST_DATABASE_URL's server, dropped afterwards.
 * Both are real PostgreSQL with the real migrations; nothing is faked.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db/database';

export const usesPostgres = () => process.env.RINGPOST_TEST_DB === 'postgres';

/**
 * An empty PostgreSQL database of the caller's own on TEST_DATABASE_URL's server, for tests that hand a
 * URL to child processes. `drop()` removes it.
 */
export async function createPostgresDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `ringpost_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!usesPostgres()) {
    const handle = await openDatabase({ kind: 'embedded-memory' });
    await handle.migrate();
    return handle;
  }

  const database = await createPostgresDatabase();
  const handle = await openDatabase({ kind: 'postgres', url: database.url, poolSize: 4 });
  await handle.migrate();
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}
