import type { AppRouteHandler } from '../../app-env';
import { ApiError } from '../../api-error';
import { keyCallerOf } from '../../middleware/require-api-key';
import { publishEvent } from '../../services/publish-event';
import { agentExists } from '../../../db/queries/agents';
import type { IngestRoute } from './events.routes';

export const ingest: AppRouteHandler<IngestRoute> = async (c) => {
  const caller = keyCallerOf(c);
  const { db, env, now = () => new Date() } = c.var.deps;
  const event = c.req.valid('json');
  if (!(await agentExists(db, caller.organisationId, event.agentId))) {
    throw new ApiError(400, 'validation_failed', 'agentId: No agent with this id in your organisation', {
      agentId: 'No agent with this id in your organisation',
    });
  }
  const result = await publishEvent(db, {
    organisationId: caller.organisationId,
    event,
    now: now(),
    firstDelayMs: env.RINGPOST_RETRY_SCHEDULE[0] ?? 0,
  });
  return c.json(result, 202);
};
