/**
 * Guards every state-changing API request before any route sees it:
 * - Origin: a cookie-authenticated browser request from another site (CSRF) is refused. Browsers send
 *   Origin on every POST/PUT/PATCH/DELETE; clients that send none (curl, server-to-server) are not
 *   browsers and cannot be made to carry someone else's cookie.
 * - Content type: a body must be JSON, and malformed JSON is refused here with its own error code.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { ApiError } from '../api-error';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
        throw new ApiError(
          415,
          'unsupported_media_type',
          'Send the request body as application/json',
        );
      }
      try {
        JSON.parse(text);
      } catch {
        throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
      }
    }
  }
  await next();
});
