import { createMiddleware } from 'hono/factory';
import type { Role } from '@contract/auth';
import type { AppEnv, Caller } from '../app-env';
import { ApiError } from '../api-error';

const DESCRIBE: Record<Role, string> = {
  admin: 'admins',
  support: 'support staff',
  viewer: 'viewers',
};

/** Allows the request only for a signed-in caller whose role is listed. Every route but sign-in uses one. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const caller = c.var.caller;
    if (!caller) throw new ApiError(401, 'unauthenticated', 'Sign in to continue');
    if (!roles.includes(caller.role)) {
      const allowed = roles.map((role) => DESCRIBE[role]).join(' and ');
      throw new ApiError(
        403,
        'forbidden',
        `Your role (${caller.role}) cannot do this: only ${allowed} can`,
      );
    }
    await next();
  });
}

export const anyRole = () => requireRole('admin', 'support', 'viewer');
export const adminOnly = () => requireRole('admin');

/** For handlers behind requireRole: the caller is always set there. */
export function callerOf(c: { var: { caller: Caller | undefined } }): Caller {
  const caller = c.var.caller;
  if (!caller) throw new ApiError(401, 'unauthenticated', 'Sign in to continue');
  return caller;
}
