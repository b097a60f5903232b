/**
 * Opens the database: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in DATA_DIR.
 * Both speak the same schema and migrations; callers only ever see `Database`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import type { drizzle as DrizzlePglite } from 'drizzle-orm/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { MIGRATIONS_DIR } from '../paths';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

/** Ten times V8's default (1,800,000): see openDatabase. */
const WASM_TIERING_BUDGET = 18_000_000;

type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/** Query modules take either, so that callers can compose them inside one transaction. */
export type Queryable = Database | Transaction;

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'embedded-memory' }
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseTarget['kind'];
  /** True once migrations ran; false when the caller skipped them. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** LISTEN on a channel; resolves to a function that stops listening. `onNotify` gets the payload. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The rows of a raw `execute()`: both drivers return `{ rows }`, but the shared type does not say so. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Any fixed number: processes migrating one PostgreSQL database at once queue on this lock. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Whether the newest migration in the folder is already applied, in one statement, so that an
 * everyday start skips drizzle's migrator (which reads and hashes every file, creates its schema and
 * table if missing, and opens a transaction) when there is nothing to do. Drizzle decides the same way:
 * a migration is pending when its journal time is later than the newest `created_at` it recorded,
 * and it records that row in the migration's own transaction. False when it cannot tell (a new
 * database has no drizzle schema): then the migrator runs as before.
 */
async function latestMigrationApplied(
  query: (text: string) => Promise<{ rows: unknown[] }>,
): Promise<boolean> {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((entry) => entry.when));
  try {
    const { rows } = await query(
      `select exists (select 1 from drizzle.__drizzle_migrations where created_at >= ${newest}) as applied`,
    );
    return (rows[0] as { applied?: boolean } | undefined)?.applied === true;
  } catch {
    return false;
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  // Each driver is loaded only when it is the one in use: a start pays for the modules it runs.
  if (target.kind === 'postgres') {
    const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
      import('drizzle-orm/node-postgres/migrator'),
    ]);
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle client's error (a restarted server) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema });
    return {
      db,
      kind: 'postgres',
      async migrate() {
        // Checked before the lock: processes starting on an up-to-date database do not queue.
        if (await latestMigrationApplied((text) => pool.query(text))) return;
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await client
            .query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
            .catch(() => undefined);
          client.release();
        }
      },
      async ping() {
        await pool.query('select 1');
      },
      async listen(channel, onNotify) {
        // A dedicated connection: LISTEN belongs to a session, and pooled connections come and go.
        const client = await pool.connect();
        client.on('notification', (message) => {
          if (message.channel === channel) onNotify(message.payload ?? '');
        });
        await client.query(`listen ${channel}`);
        return async () => {
          await client.query(`unlisten ${channel}`).catch(() => undefined);
          client.release();
        };
      },
      async close() {
        await pool.end();
      },
    };
  }

  const dataDir = target.kind === 'embedded' ? resolve(target.dataDir) : undefined;
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let client: PGlite;
  let drizzlePglite: typeof DrizzlePglite;
  // PGlite's PostgreSQL is a 9 MB WASM module. V8 recompiles a function with its optimising compiler
  // (on background threads) once it has run a little, and at V8's default budget that work lands in
  // the first second, competing with the start itself: ~150 ms more before the first request is
  // answered on a 2-core machine. Ten times the budget lets the start finish first; the hot loops
  // still tier up within the first seconds of work, and throughput measured the same
  // (docs/decisions/0019-server-starts-from-a-bundle.md). The flag is read when the module is compiled.
  setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  try {
    const [{ PGlite }, drizzleModule] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
    ]);
    drizzlePglite = drizzleModule.drizzle;
    client = dataDir ? await PGlite.create(`${dataDir}/pgdata`) : await PGlite.create();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  return {
    db,
    kind: target.kind,
    async migrate() {
      if (await latestMigrationApplied((text) => client.query(text))) return;
      const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
      await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
    },
    async ping() {
      await client.query('select 1');
    },
    async listen(channel, onNotify) {
      return client.listen(channel, onNotify);
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
