/**
 * `GET /live`: one server-sent event stream per open page, fed by the process's LiveHub with its
 * organisation's changes (docs/decisions/0014). The stream ends when the client leaves, when the
 * server shuts down (the browser reconnects after `retry`, to this or another process, and the client
 * refetches), when its session ends, or when the client stops reading.
 */
import { streamSSE } from 'hono/streaming';
import { LIVE_EVENT, type LiveChange } from '@contract/live-updates';
import type { AppRouteHandler } from '../../app-env';
import { ApiError } from '../../api-error';
import { callerOf } from '../../middleware/require-role';
import { SESSION_MAX_AGE_MS } from '../../middleware/session';
import { findSessionCaller } from '../../../db/queries/sessions';
import type { LiveRoute } from './live.routes';

/** How long the browser waits before reconnecting (sent as `retry:`). */
export const RECONNECT_MS = 2_000;
/**
 * Events written but not yet taken by the client. A client this far behind is not reading: its stream
 * ends rather than holding ever more in memory, and it refetches when it reconnects.
 */
const MAX_UNSENT = 100;

export const live: AppRouteHandler<LiveRoute> = (c) => {
  const caller = callerOf(c);
  const { db, logger, live: hub, now = () => new Date() } = c.var.deps;
  if (!hub) throw new ApiError(503, 'internal', 'Live updates are not served by this process');
  if (hub.closing) throw new ApiError(503, 'internal', 'This server is shutting down: reconnect');
  // Proxies that buffer responses (nginx) would hold events back; this asks them not to.
  c.header('x-accel-buffering', 'no');
  return streamSSE(c, async (stream) => {
    let unsent = 0;
    const write = (text: string) => {
      unsent++;
      void stream.write(text).then(() => unsent--);
    };
    await new Promise<void>((resolve) => {
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe?.();
        resolve();
      };
      const unsubscribe = hub.subscribe(caller.organisation.id, {
        change(change: LiveChange) {
          if (unsent >= MAX_UNSENT) {
            logger.info('ended a live stream whose client stopped reading', {
              userId: caller.user.id,
            });
            end();
            return;
          }
          write(`event: ${LIVE_EVENT}\ndata: ${JSON.stringify(change)}\n\n`);
        },
        close: end,
      });
      // A comment every 25 s (LiveHub's heartbeatMs) keeps proxies from closing an idle stream.
      const heartbeat = setInterval(() => {
        // The session is checked again here: signing out (everywhere) ends the stream within one beat.
        const at = now();
        findSessionCaller(db, caller.sessionId, at, new Date(at.getTime() - SESSION_MAX_AGE_MS))
          .then((found) => {
            if (!found) end();
            else write(': keep-alive\n\n');
          })
          .catch((error: unknown) => {
            logger.warn('could not check a live stream’s session', { error });
            write(': keep-alive\n\n');
          });
      }, hub.heartbeatMs);
      if (!unsubscribe) {
        // The hub is closing (shutdown): end at once; the browser retries elsewhere.
        end();
        return;
      }
      stream.onAbort(end);
      write(`retry: ${RECONNECT_MS}\n\n`);
    });
  });
};
