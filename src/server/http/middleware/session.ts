/**
 * Reads the session cookie into `c.var.caller`. Authorisation happens per route (require-role.ts);
 * this middleware only establishes who is calling.
 */
import { createMiddleware } from 'hono/factory';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { findSessionCaller, extendSession } from '../../db/queries/sessions';
import { hashToken } from '../../security/tokens';

export const SESSION_COOKIE = 'ringpost_session';
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;
/** Extend a session at most once an hour, so that reads do not turn into a write per request. */
const REFRESH_AFTER_MS = 3_600_000;

function isSecure(c: Context<AppEnv>): boolean {
  const publicUrl = c.var.deps.env.RINGPOST_PUBLIC_URL;
  return (publicUrl ?? c.req.url).startsWith('https:');
}

export function writeSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c),
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(c) });
}

export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('caller', undefined);
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const { db, now = () => new Date() } = c.var.deps;
    const id = hashToken(token);
    const found = await findSessionCaller(db, id, now());
    if (found) {
      c.set('caller', {
        user: found.user,
        organisation: found.organisation,
        sessionId: id,
        role: found.user.role,
      });
      const remaining = found.expiresAt.getTime() - now().getTime();
      if (SESSION_TTL_MS - remaining > REFRESH_AFTER_MS) {
        await extendSession(db, id, new Date(now().getTime() + SESSION_TTL_MS));
        writeSessionCookie(c, token);
      }
    }
  }
  await next();
});
