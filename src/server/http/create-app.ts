/**
 * The HTTP application: API under /api/v1 (with its OpenAPI document and reference page), operational
 * endpoints, and the built single-page app for every other path. Built from `AppDeps` so that tests run
 * the very same app against their own database.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { INVALID_JSON, NO_SUCH_ROUTE } from '@contract/api-messages';
import type { ErrorCode } from '@contract/errors';
import { CLIENT_DIST_DIR } from '../paths';
import type { AppDeps, AppEnv } from './app-env';
import { ApiError } from './api-error';
import { mountApiDocs } from './api-docs';
import { createRouter } from './create-router';
import { hostGuard, jsonBodyGuard, originGuard } from './middleware/request-guards';
import { sessionMiddleware } from './middleware/session';
import { agentsRouter } from './routes/agents/agents.index';
import { authRouter } from './routes/auth/auth.index';
import { webhooksRouter } from './routes/webhooks/webhooks.index';
import { retryJobsRouter } from './routes/retry-jobs/retry-jobs.index';
import { liveRouter } from './routes/live/live.index';
import { eventsRouter } from './routes/events/events.index';
import { INGEST_BODY_LIMIT } from './routes/events/events.routes';
import { apiKeysRouter } from './routes/api-keys/api-keys.index';
import { deliveriesRouter } from './routes/deliveries/deliveries.index';
import { callsRouter } from './routes/calls/calls.index';
import { queueStats } from '../outbox/queue-stats';

const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_json',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Largest JSON body the management API accepts. */
export const API_BODY_LIMIT = 64 * 1024;

export interface CreateAppOptions {
  /** Serve the built SPA from dist/client (off in API tests). */
  serveClient?: boolean;
}

export function createApp(deps: AppDeps, options: CreateAppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Radix positions popovers with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );

  mountOperational(app, deps);
  // After the operational endpoints: load balancers probe those by whatever address they use.
  app.use('*', hostGuard);

  app.use('/api/*', async (c, next) => {
    // Call events carry whole transcripts; everything else is small.
    const maxSize = c.req.path === '/api/v1/events' ? INGEST_BODY_LIMIT : API_BODY_LIMIT;
    const limit = bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(
          413,
          'payload_too_large',
          `Request bodies here are limited to ${maxSize / 1024} KiB`,
        );
      },
    });
    return limit(c as Parameters<typeof limit>[0], next);
  });
  app.use('/api/*', async (c, next) => {
    await next();
    // API answers are per user and often hold secrets: no cache, shared or private, may keep them.
    c.header('cache-control', 'no-store');
  });
  app.use('/api/*', originGuard, jsonBodyGuard, sessionMiddleware);

  const api = createRouter()
    .route('/', authRouter)
    .route('/', webhooksRouter)
    .route('/', retryJobsRouter)
    .route('/', liveRouter)
    .route('/', agentsRouter)
    .route('/', eventsRouter)
    .route('/', apiKeysRouter)
    .route('/', deliveriesRouter)
    .route('/', callsRouter);
  app.route('/api/v1', api);
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from Features → API keys (ingestion only)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'ringpost_session',
    description:
      'The session cookie set by POST /api/v1/auth/login (named __Host-ringpost_session over https)',
  });

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ringpost API',
      version: '1',
      description:
        'Webhook endpoints, agent subscriptions and sessions. Browser sessions use the cookie set by ' +
        '`POST /api/v1/auth/login`. Every error is `{ "error": { "code", "message", "fields"? } }`.',
    },
  });
  mountApiDocs(app);

  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', NO_SUCH_ROUTE);
  });

  if (options.serveClient && existsSync(join(CLIENT_DIST_DIR, 'index.html'))) {
    app.use(
      '/assets/*',
      serveStatic({
        root: CLIENT_DIST_DIR,
        onFound: (_path, c) => {
          // Vite puts a content hash in every asset's name.
          c.header('cache-control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    app.use('*', serveStatic({ root: CLIENT_DIST_DIR }));
    // Every other path is a client-side route: answer with the app shell.
    let shell: Promise<string> | undefined;
    app.get('*', async (c) => {
      shell ??= readFile(join(CLIENT_DIST_DIR, 'index.html'), 'utf8');
      c.header('cache-control', 'no-cache');
      return c.html(await shell);
    });
  }

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json(error.toBody(), error.status, error.headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Thrown by Hono's own validators (body parsing, content type) before our handlers run.
      const code = HTTP_EXCEPTION_CODES[error.status] ?? 'validation_failed';
      // Hono says "Malformed JSON in request body" for an empty one; the request guard's words for both.
      const message = code === 'invalid_json' ? INVALID_JSON : error.message;
      return c.json(new ApiError(error.status, code, message).toBody(), error.status);
    }
    deps.logger.error('unhandled error', { error, method: c.req.method, path: c.req.path });
    return c.json(new ApiError(500, 'internal', 'Something went wrong on our side').toBody(), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/** Compares digests, which have one length, so that the comparison takes as long whatever was sent. */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (sent === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(token));
}

/**
 * /healthz (the process answers), /readyz (and its database does), /metrics (Prometheus; with
 * RINGPOST_METRICS_TOKEN set, only for `Authorization: Bearer <token>`).
 */
function mountOperational(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.ping();
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'unavailable', reason: 'database' }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    const token = deps.env.RINGPOST_METRICS_TOKEN;
    if (token !== undefined && !bearerMatches(c.req.header('authorization'), token)) {
      // Answered here rather than thrown: the worker-only app has no error handler.
      const error = new ApiError(
        401,
        'unauthenticated',
        'Send the metrics token (RINGPOST_METRICS_TOKEN) as Authorization: Bearer <token>',
      );
      return c.json(error.toBody(), 401, { 'www-authenticate': 'Bearer realm="metrics"' });
    }
    const stats = await queueStats(deps.db, (deps.now ?? (() => new Date()))());
    return c.body(deps.metrics.render(stats), 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });
}

/** A worker-only process serves just the operational endpoints. */
export function createOperationalApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  mountOperational(app, deps);
  return app;
}
