import { WRONG_CREDENTIALS } from '@contract/api-messages';
import type { AppRouteHandler } from '../../app-env';
import { ApiError } from '../../api-error';
import { clientOriginOf } from '../../client-address';
import { callerOf } from '../../middleware/require-role';
import {
  clearSessionCookie,
  readSessionToken,
  SESSION_TTL_MS,
  writeSessionCookie,
} from '../../middleware/session';
import { finishLoginAttempt, reserveLoginAttempt } from '../../../db/queries/login-attempts';
import { createSession, deleteSession, deleteSessionsOfUser } from '../../../db/queries/sessions';
import { findUserByEmail, replacePasswordHash } from '../../../db/queries/users';
import { findOrganisation } from '../../../db/queries/organisations';
import {
  DEFAULT_COST,
  decoyPasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../../security/passwords';
import { generateToken, hashToken } from '../../../security/tokens';
import type { LoginRoute, LogoutAllRoute, LogoutRoute, MeRoute } from './auth.routes';
import { decideSignIn, limitKeyOf, SIGN_IN_LIMITS, type SignInRefusal } from './sign-in-policy';

const REFUSALS: Record<SignInRefusal, string> = {
  account_and_address: 'Too many failed sign-in attempts from here for this account.',
  address: 'Too many failed sign-in attempts from here.',
  account: 'Too many failed sign-in attempts for this account.',
};

function retryMessage(seconds: number): string {
  if (seconds < 90) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

export const login: AppRouteHandler<LoginRoute> = async (c) => {
  const { db, now = () => new Date(), logger } = c.var.deps;
  const cost = c.var.deps.passwordCost ?? DEFAULT_COST;
  const body = c.req.valid('json');
  const email = body.email.toLowerCase();
  const at = now();

  const { decision, attemptId } = await reserveLoginAttempt(
    db,
    {
      email,
      ip: limitKeyOf(clientOriginOf(c).address),
      now: at,
      since: new Date(at.getTime() - SIGN_IN_LIMITS.windowMs),
      knownSince: new Date(at.getTime() - SIGN_IN_LIMITS.knownAddressMs),
      pairLimit: SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress,
      addressLimit: SIGN_IN_LIMITS.maxFailuresPerAddress,
    },
    (history) => decideSignIn(history, at),
  );
  if (!decision.allowed || attemptId === undefined) {
    const seconds = decision.allowed ? 1 : Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    const reason = decision.allowed ? 'account' : decision.reason;
    throw new ApiError(
      429,
      'rate_limited',
      `${REFUSALS[reason]} ${retryMessage(seconds)}`,
      undefined,
      { 'retry-after': String(seconds) },
    );
  }

  let succeeded = false;
  let signedIn;
  try {
    const user = await findUserByEmail(db, email);
    // Unknown emails are checked against a decoy hash of the same cost, so both failures take as long.
    const valid = await verifyPassword(
      body.password,
      user?.passwordHash ?? (await decoyPasswordHash(cost)),
    );
    const organisation =
      user && valid ? await findOrganisation(db, user.organisationId) : undefined;
    if (user && organisation) {
      succeeded = true;
      signedIn = { user, organisation };
    }
  } finally {
    await finishLoginAttempt(db, attemptId, succeeded);
  }
  if (!signedIn) throw new ApiError(401, 'unauthenticated', WRONG_CREDENTIALS);
  const { user, organisation } = signedIn;

  if (needsRehash(user.passwordHash, cost)) {
    try {
      await replacePasswordHash(
        db,
        user.id,
        user.passwordHash,
        await hashPassword(body.password, cost),
      );
    } catch (error) {
      // The old hash still works; the next sign-in tries again.
      logger.warn('could not upgrade a password hash', { userId: user.id, error });
    }
  }

  // A session the browser still held ends here: one sign-in, one session.
  const previous = readSessionToken(c);
  if (previous) await deleteSession(db, hashToken(previous));

  const token = generateToken();
  const expiresAt = new Date(at.getTime() + SESSION_TTL_MS);
  await createSession(db, { id: hashToken(token), userId: user.id, expiresAt, createdAt: at });
  writeSessionCookie(c, token, expiresAt);
  logger.info('signed in', { userId: user.id, organisationId: organisation.id });
  return c.json(
    {
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      organisation: { id: organisation.id, name: organisation.name },
    },
    200,
  );
};

export const logout: AppRouteHandler<LogoutRoute> = async (c) => {
  await deleteSession(c.var.deps.db, callerOf(c).sessionId);
  clearSessionCookie(c);
  return c.body(null, 204);
};

export const logoutAll: AppRouteHandler<LogoutAllRoute> = async (c) => {
  const { user } = callerOf(c);
  await deleteSessionsOfUser(c.var.deps.db, user.id);
  clearSessionCookie(c);
  c.var.deps.logger.info('signed out everywhere', { userId: user.id });
  return c.body(null, 204);
};

export const me: AppRouteHandler<MeRoute> = (c) => {
  const { user, organisation } = callerOf(c);
  return c.json({ user, organisation }, 200);
};
