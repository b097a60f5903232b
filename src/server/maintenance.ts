/** Housekeeping that keeps auth tables small: expired sessions and old sign-in attempts. */
import type { Database } from './db/database';
import type { Logger } from './logger';
import { deleteExpiredSessions } from './db/queries/sessions';
import { deleteOldLoginAttempts } from './db/queries/login-attempts';
import { SESSION_MAX_AGE_MS } from './http/middleware/session';
import { SIGN_IN_LIMITS } from './http/routes/auth/sign-in-policy';

const EVERY_MS = 60 * 60_000;
/** Failures a day old say nothing the limits still use, but help in reading what happened. */
const KEEP_FAILURES_MS = 24 * 60 * 60_000;

export function startMaintenance(db: Database, logger: Logger): () => Promise<void> {
  const run = async () => {
    try {
      const now = new Date();
      await deleteExpiredSessions(db, now, new Date(now.getTime() - SESSION_MAX_AGE_MS));
      await deleteOldLoginAttempts(db, {
        failuresBefore: new Date(now.getTime() - KEEP_FAILURES_MS),
        successesBefore: new Date(now.getTime() - SIGN_IN_LIMITS.knownAddressMs),
      });
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
