/**
 * A database of a test file's own: an in-memory PGlite by default, or — when the suite runs as the
 * `server-postgres` project — a fresh database on TEST_DATABASE_URL's server, dropped afterwards.
 * Both are real PostgreSQL with the real migrations; nothing is faked.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../db/database';

export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.RINGPOST_TEST_DB !== 'postgres') {
    const handle = await openDatabase({ kind: 'embedded-memory' });
    await handle.migrate();
    return handle;
  }

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('RINGPOST_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `ringpost_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await handle.migrate();
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
