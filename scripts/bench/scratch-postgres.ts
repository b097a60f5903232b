/**
 * A PostgreSQL database of a benchmark's own, under TEST_DATABASE_URL's server: created for the run and
 * dropped after it, whatever happens, so that nothing depends on what an earlier run left there.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/database';

/** Runs `measure` on a fresh database, or says PostgreSQL is skipped when TEST_DATABASE_URL is unset. */
export async function withScratchPostgres<T>(
  poolSize: number,
  measure: (database: DatabaseHandle) => Promise<T>,
): Promise<T | undefined> {
  if (!process.env.TEST_DATABASE_URL) {
    console.log('TEST_DATABASE_URL is not set: PostgreSQL skipped');
    return undefined;
  }
  return withScratchPostgresUrl(async (url) => {
    const database = await openDatabase({ kind: 'postgres', url, poolSize });
    try {
      return await measure(database);
    } finally {
      await database.close();
    }
  });
}

/**
 * Like withScratchPostgres, for processes of their own: `measure` gets the scratch database's URL, and
 * the database is dropped after it (with force: a process that failed may still hold connections).
 */
export async function withScratchPostgresUrl<T>(
  measure: (url: string) => Promise<T>,
): Promise<T | undefined> {
  if (!process.env.TEST_DATABASE_URL) return undefined;
  const name = `ringpost_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    return await measure(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
