/**
 * Guards requests before any route sees them:
 * - Host: only names this server is known by are answered, so that a page whose DNS name is re-pointed
 *   at this server (DNS rebinding) cannot use it as its own same-origin backend.
 * - Origin: a cookie-authenticated browser request from another site (CSRF) is refused. Browsers send
 *   Origin on every POST/PUT/PATCH/DELETE; clients that send none (curl, server-to-server) are not
 *   browsers and cannot be made to carry someone else's cookie.
 * - Content type: a body must be JSON, and malformed JSON is refused here with its own error code.
 */
import { createMiddleware } from 'hono/factory';
import { INVALID_JSON, UNSUPPORTED_MEDIA_TYPE } from '@contract/api-messages';
import type { AppEnv } from '../app-env';
import { ApiError } from '../api-error';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Loopback names: a browser only sends these for a server on the same machine, whatever the port. */
const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Answers only for loopback names and RINGPOST_PUBLIC_URL's host (any port). Both the Host header and
 * the URL built from it are checked, since in-process requests can carry one without the other.
 */
export const hostGuard = createMiddleware<AppEnv>(async (c, next) => {
  const publicUrl = c.var.deps.env.RINGPOST_PUBLIC_URL;
  const publicHostname = publicUrl ? new URL(publicUrl).hostname : undefined;
  const hosts = [c.req.header('host'), new URL(c.req.url).host];
  for (const host of hosts) {
    if (host === undefined) continue;
    const hostname = hostnameOf(host);
    if (hostname === undefined || !(LOCAL_HOSTNAMES.has(hostname) || hostname === publicHostname)) {
      throw new ApiError(
        421,
        'host_not_allowed',
        `This server does not answer for ${host}. Operators: set RINGPOST_PUBLIC_URL to the address users reach Ringpost at.`,
      );
    }
  }
  await next();
});

export const originGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method)) {
    const expected = new URL(c.var.deps.env.RINGPOST_PUBLIC_URL ?? c.req.url).origin;
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const foreign =
      origin !== undefined
        ? origin !== expected
        : fetchSite === 'cross-site' || fetchSite === 'same-site';
    if (foreign) {
      throw new ApiError(
        403,
        'origin_mismatch',
        `Requests from ${origin ?? 'another site'} are not accepted`,
      );
    }
  }
  await next();
});

export const jsonBodyGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method) && c.req.raw.body !== null) {
    // Read once; Hono caches the text and serves the route validator's c.req.json() from it.
    const text = await c.req.text();
    if (text.length > 0) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        throw new ApiError(415, 'unsupported_media_type', UNSUPPORTED_MEDIA_TYPE);
      }
      try {
        JSON.parse(text);
      } catch {
        throw new ApiError(400, 'invalid_json', INVALID_JSON);
      }
    }
  }
  await next();
});
