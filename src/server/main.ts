/**
 * The Ringpost process: `npm start` runs it. RINGPOST_ROLE decides what it does: `api` serves the API
 * and the SPA, `worker` delivers (and serves only /healthz, /readyz and /metrics), `all` (the default)
 * does both in one process.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createLogger } from './logger';
import { EnvError, parseEnv } from './env';
import { createRuntime, openMigratedDatabase } from './runtime';
import { firstAdminNotice, seedIfEmpty } from './db/seed';
import { loadSecretBox } from './security/secret-key-file';
import { SecretBoxError } from './security/secret-box';
import { resealAllCredentials } from './security/reseal-credentials';

/**
 * Where the start's time went, for the 'listening' line (`npm run bench:start` reads it): each phase
 * ends at its mark, and `modules` is process start to main(), so the parts add up to `total`.
 */
function startupPhases(marks: [string, number][]): Record<string, number> {
  const phases: Record<string, number> = {};
  let previous = 0;
  for (const [phase, at] of marks) {
    phases[phase] = Math.round(at - previous);
    previous = at;
  }
  phases.total = Math.round(previous);
  return phases;
}

async function main() {
  const marks: [string, number][] = [['modules', performance.now()]];
  const mark = (phase: string) => marks.push([phase, performance.now()]);
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL, { service: 'ringpost', role: env.RINGPOST_ROLE });
  const secretBox = loadSecretBox(env);
  const database = await openMigratedDatabase(env, () => mark('databaseOpen'));
  mark('migrations');
  // Values stored before encryption, or under a key being rotated out, move to the current key.
  const sealed = await resealAllCredentials(database.db, secretBox).catch((error: unknown) => {
    throw error instanceof SecretBoxError
      ? new EnvError(
          `Ringpost cannot start: endpoint secrets in this database cannot be opened with the configured key.\n` +
            `  ${error.message}.\n` +
            '  Set RINGPOST_SECRET_KEY (or restore DATA_DIR/secret.key) to the key they were sealed with.',
        )
      : error;
  });
  if (sealed.resealed > 0) logger.info('sealed endpoint credentials with the current key', sealed);
  const target = env.DATABASE_URL ? 'postgresql' : `embedded database in ${env.DATA_DIR}`;

  const seed = await seedIfEmpty(database.db, {
    email: env.RINGPOST_ADMIN_EMAIL,
    password: env.RINGPOST_ADMIN_PASSWORD,
  });
  if (seed.created) logger.info('seeded the demo organisation', { adminEmail: seed.adminEmail });
  const notice = firstAdminNotice(seed);
  // Printed once, deliberately outside the JSON log (which redacts passwords), for the person at the console.
  if (notice) process.stdout.write(notice);
  mark('seedAndReseal');

  if (env.RINGPOST_ROLE === 'api' && !env.DATABASE_URL) {
    // The embedded database serves one process, so no worker process can share it.
    logger.warn(
      'RINGPOST_ROLE=api on the embedded database: nothing will deliver events. Use all, or PostgreSQL.',
    );
  }
  const runtime = createRuntime(env, database, { logger, secretBox, serveClient: true });
  await runtime.start();
  const server: ServerType = serve(
    { fetch: runtime.app.fetch, port: env.PORT, hostname: env.HOST },
    (info) => {
      const host = env.HOST === '0.0.0.0' || env.HOST === '127.0.0.1' ? 'localhost' : env.HOST;
      logger.info('listening', {
        url: `http://${host}:${info.port}`,
        database: target,
        startupMs: (mark('listen'), startupPhases(marks)),
      });
    },
  );
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive sockets would hold close() open.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await runtime.stop(closeServer);
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof Error && ['EnvError', 'DataDirLockedError'].includes(error.name);
  process.stderr.write(
    known
      ? `${message}\n`
      : `Ringpost failed to start: ${error instanceof Error ? (error.stack ?? message) : message}\n`,
  );
  process.exit(1);
});
