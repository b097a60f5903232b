import { createRoute, z } from '@hono/zod-openapi';
import { ApiErrorSchema } from '@contract/errors';
import { anyRole } from '../../middleware/require-role';
import { jsonContent, readErrors } from '../../openapi-helpers';

export const live = createRoute({
  method: 'get',
  path: '/live',
  tags: ['Live updates'],
  summary:
    "Server-sent events: a `change` event (LiveChange) whenever deliveries, endpoints' status or retry " +
    "jobs of the caller's organisation change; a comment every 25 s; nothing else while nothing changes",
  middleware: [anyRole()] as const,
  responses: {
    200: {
      description:
        '`retry: 2000`, then `event: change` with `data: <LiveChange as JSON>` for each change',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...readErrors,
    503: jsonContent(
      ApiErrorSchema,
      'This process is shutting down or serves no live updates: reconnect (to another process)',
    ),
  },
});

export type LiveRoute = typeof live;
