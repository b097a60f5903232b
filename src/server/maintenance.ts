/** Housekeeping that keeps auth tables small: expired sessions and old sign-in attempts. */
import type { Database } from './db/database';
import type { Logger } from './logger';
import { deleteExpiredSessions } from './db/queries/sessions';
import { deleteLoginAttemptsBefore } from './db/queries/login-attempts';

const EVERY_MS = 60 * 60_000;
const KEEP_ATTEMPTS_MS = 24 * 60 * 60_000;

export function startMaintenance(db: Database, logger: Logger): () => Promise<void> {
  const run = async () => {
    try {
      const now = new Date();
      await deleteExpiredSessions(db, now);
      await deleteLoginAttemptsBefore(db, new Date(now.getTime() - KEEP_ATTEMPTS_MS));
    } catch (error) {
      logger.warn('maintenance failed', { error });
    }
  };
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Promise.resolve();
  };
}
