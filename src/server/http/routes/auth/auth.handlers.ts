import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv, AppRouteHandler } from '../../app-env';
import { ApiError } from '../../api-error';
import { callerOf } from '../../middleware/require-role';
import { clearSessionCookie, SESSION_TTL_MS, writeSessionCookie } from '../../middleware/session';
import { countRecentFailures, recordLoginAttempt } from '../../../db/queries/login-attempts';
import { createSession, deleteSession } from '../../../db/queries/sessions';
import { findUserByEmail } from '../../../db/queries/users';
import { findOrganisation } from '../../../db/queries/organisations';
import { decoyPasswordHash, verifyPassword } from '../../../security/passwords';
import { generateToken, hashToken } from '../../../security/tokens';
import type { LoginRoute, LogoutRoute, MeRoute } from './auth.routes';

/** Failed sign-ins allowed per window, per email and per client address. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.env.RINGPOST_TRUST_PROXY.kind !== 'none') {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Requests built in-process (tests) have no socket.
    return 'unknown';
  }
}

export const login: AppRouteHandler<LoginRoute> = async (c) => {
  const { db, now = () => new Date() } = c.var.deps;
  const body = c.req.valid('json');
  const email = body.email.toLowerCase();
  const ip = clientAddress(c);

  const failures = await countRecentFailures(
    db,
    email,
    ip,
    new Date(now().getTime() - LOGIN_WINDOW_MS),
  );
  if (failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP) {
    throw new ApiError(
      429,
      'rate_limited',
      'Too many failed sign-in attempts. Wait 15 minutes and try again.',
      undefined,
      { 'retry-after': String(LOGIN_WINDOW_MS / 1000) },
    );
  }

  const user = await findUserByEmail(db, email);
  // Unknown emails are checked against a decoy hash so that both failures take the same time.
  const valid = await verifyPassword(
    body.password,
    user?.passwordHash ?? (await decoyPasswordHash()),
  );
  await recordLoginAttempt(db, { email, ip, succeeded: Boolean(user && valid) });
  if (!user || !valid) throw new ApiError(401, 'unauthenticated', 'Email or password is incorrect');

  const organisation = await findOrganisation(db, user.organisationId);
  if (!organisation) throw new ApiError(401, 'unauthenticated', 'Email or password is incorrect');

  const token = generateToken();
  await createSession(db, {
    id: hashToken(token),
    userId: user.id,
    expiresAt: new Date(now().getTime() + SESSION_TTL_MS),
  });
  writeSessionCookie(c, token);
  c.var.deps.logger.info('signed in', { userId: user.id, organisationId: organisation.id });
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

export const me: AppRouteHandler<MeRoute> = (c) => {
  const { user, organisation } = callerOf(c);
  return c.json({ user, organisation }, 200);
};
