/**
 * Housekeeping in the API role: expired sessions and old sign-in attempts, and the delivery history
 * past RINGPOST_RETENTION (retention.ts).
 */
import type { Database } from './db/database';
import type { Logger } from './logger';
import { deleteExpiredSessions } from './db/queries/sessions';
import { deleteOldLoginAttempts } from './db/queries/login-attempts';
import { SESSION_MAX_AGE_MS } from './http/middleware/session';
import { SIGN_IN_LIMITS } from './http/routes/auth/sign-in-policy';
import { pruneExpired } from './retention';

const EVERY_MS = 60 * 60_000;
/**
 * The first run, this long after start: a process restarted more often than hourly (deploys, a
 * development server) still prunes, and a start is not slowed by it.
 */
const FIRST_RUN_MS = 60_000;
/** Failures a day old say nothing the limits still use, but help in reading what happened. */
const KEEP_FAILURES_MS = 24 * 60 * 60_000;

export interface MaintenanceOptions {
  /** RINGPOST_RETENTION: finished deliveries and their events are kept this long. */
  retentionMs: number;
}

export function startMaintenance(
  db: Database,
  logger: Logger,
  options: MaintenanceOptions,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | undefined;
  const run = async () => {
    try {
      const now = new Date();
      await deleteExpiredSessions(db, now, new Date(now.getTime() - SESSION_MAX_AGE_MS));
      await deleteOldLoginAttempts(db, {
        failuresBefore: new Date(now.getTime() - KEEP_FAILURES_MS),
        successesBefore: new Date(now.getTime() - SIGN_IN_LIMITS.knownAddressMs),
      });
      const pruned = await pruneExpired(db, {
        retentionMs: options.retentionMs,
        now,
        stopped: () => stopped,
      });
      if (pruned.deliveries > 0 || pruned.events > 0) {
        logger.info('pruned history past the retention period', {
          ...pruned,
          retentionMs: options.retentionMs,
        });
      }
    } catch (error) {
      logger.warn('maintenance failed', { error });
    }
  };
  // A run still going when the next is due (a long backlog to prune) is left to finish alone.
  const tick = () => {
    running ??= run().finally(() => (running = undefined));
  };
  const first = setTimeout(tick, FIRST_RUN_MS);
  const timer = setInterval(tick, EVERY_MS);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    // Stops between two batches: the database is closed after this.
    await running;
  };
}
