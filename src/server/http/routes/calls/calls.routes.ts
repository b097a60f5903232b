import { createRoute } from '@hono/zod-openapi';
import { CallIdParamSchema, CallViewSchema } from '@contract/deliveries';
import { anyRole } from '../../middleware/require-role';
import { errors, jsonContent, readErrors } from '../../openapi-helpers';

const tags = ['Deliveries'];

export const get = createRoute({
  method: 'get',
  path: '/calls/{callId}',
  tags,
  summary:
    'Every delivery of one call, across endpoints: by endpoint, then Start → End → Analytics Completed',
  middleware: [anyRole()] as const,
  request: { params: CallIdParamSchema },
  responses: {
    200: jsonContent(CallViewSchema, 'The call’s deliveries'),
    ...readErrors,
    404: errors[404],
  },
});

export type GetRoute = typeof get;
