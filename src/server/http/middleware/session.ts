/**
 * Reads the session cookie into `c.var.caller`. Authorisation happens per route (require-role.ts);
 * this middleware only establishes who is calling.
 */
import { createMiddleware } from 'hono/factory';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { clientOriginOf } from '../client-address';
import { findSessionCaller, extendSession } from '../../db/queries/sessions';
import { hashToken } from '../../security/tokens';

export const SESSION_COOKIE = 'ringpost_session';
/**
 * The name over https. With the __Host- prefix browsers accept the cookie only with Secure, Path=/
 * and no Domain, so a neighbouring subdomain cannot set or shadow it.
 */
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
/** Idle expiry: a session unused this long ends. Each use (at most hourly) moves it on. */
export const SESSION_TTL_MS = 7 * 24 * 3_600_000;
/** Absolute lifetime from sign-in: however often a session is used, it ends this long after sign-in. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 3_600_000;
/** Extend a session at most once an hour, so that reads do not turn into a write per request. */
const REFRESH_AFTER_MS = 3_600_000;

/** https as users see it: the public URL says so, or a trusted proxy says the client used https. */
function isSecure(c: Context<AppEnv>): boolean {
  if (c.var.deps.env.RINGPOST_PUBLIC_URL?.startsWith('https:')) return true;
  return clientOriginOf(c).scheme === 'https';
}

/** The session token the request carries, under either name. */
export function readSessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE, 'host') ?? getCookie(c, SESSION_COOKIE);
}

/** The time a session signed in at `createdAt` ends, if it is used continually. */
export function sessionDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_MAX_AGE_MS);
}

export function writeSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  const now = c.var.deps.now?.() ?? new Date();
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  const options = { httpOnly: true, sameSite: 'Lax', path: '/', maxAge } as const;
  if (isSecure(c)) {
    setCookie(c, SESSION_COOKIE, token, { ...options, prefix: 'host' });
    // A plain cookie from before https was configured would otherwise linger beside it.
    if (getCookie(c, SESSION_COOKIE) !== undefined) deleteCookie(c, SESSION_COOKIE, { path: '/' });
  } else {
    setCookie(c, SESSION_COOKIE, token, options);
  }
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const secure = isSecure(c);
  if (secure || getCookie(c, SESSION_COOKIE, 'host') !== undefined) {
    deleteCookie(c, SESSION_COOKIE, { prefix: 'host' });
  }
  if (!secure || getCookie(c, SESSION_COOKIE) !== undefined) {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  }
}

export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('caller', undefined);
  const token = readSessionToken(c);
  if (token) {
    const { db, now = () => new Date() } = c.var.deps;
    const at = now();
    const id = hashToken(token);
    const found = await findSessionCaller(db, id, at, new Date(at.getTime() - SESSION_MAX_AGE_MS));
    if (found) {
      c.set('caller', {
        user: found.user,
        organisation: found.organisation,
        sessionId: id,
        role: found.user.role,
      });
      const deadline = sessionDeadline(found.createdAt);
      const remaining = found.expiresAt.getTime() - at.getTime();
      if (SESSION_TTL_MS - remaining > REFRESH_AFTER_MS && found.expiresAt < deadline) {
        const expiresAt = new Date(Math.min(at.getTime() + SESSION_TTL_MS, deadline.getTime()));
        await extendSession(db, id, expiresAt);
        writeSessionCookie(c, token, expiresAt);
      }
    }
  }
  await next();
});
