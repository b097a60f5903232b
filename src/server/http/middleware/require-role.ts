import { createMiddleware } from 'hono/factory';
import { roleRefused, SIGN_IN_REQUIRED } from '@contract/api-messages';
import type { Role } from '@contract/auth';
import type { AppEnv, Caller } from '../app-env';
import { ApiError } from '../api-error';

/** Allows the request only for a signed-in caller whose role is listed. Every route but sign-in uses one. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const caller = c.var.caller;
    if (!caller) throw new ApiError(401, 'unauthenticated', SIGN_IN_REQUIRED);
    if (!roles.includes(caller.role)) {
      throw new ApiError(403, 'forbidden', roleRefused(caller.role, roles));
    }
    await next();
  });
}

export const anyRole = () => requireRole('admin', 'support', 'viewer');
export const adminOnly = () => requireRole('admin');

/** For handlers behind requireRole: the caller is always set there. */
export function callerOf(c: { var: { caller: Caller | undefined } }): Caller {
  const caller = c.var.caller;
  if (!caller) throw new ApiError(401, 'unauthenticated', SIGN_IN_REQUIRED);
  return caller;
}
