/**
 * Opening what every Ringpost process needs, in order: the environment, the database (migrated), the
 * seed. main.ts (the server) and cli.ts share it.
 */
import type { Env } from './env';
import { openDatabase, type DatabaseHandle } from './db/database';

export async function openMigratedDatabase(env: Env): Promise<DatabaseHandle> {
  const handle = await openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'embedded', dataDir: env.DATA_DIR },
  );
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
