import type { AppRouteHandler } from '../../app-env';
import { ApiError } from '../../api-error';
import { keyCallerOf } from '../../middleware/require-api-key';
import { isDataException, isForeignKeyViolation } from '../../../db/errors';
import type { IngestRoute } from './events.routes';

export const ingest: AppRouteHandler<IngestRoute> = async (c) => {
  const caller = keyCallerOf(c);
  const { env, now = () => new Date() } = c.var.deps;
  const event = c.req.valid('json');
  try {
    const result = await c.var.deps.ingestion.publish({
      organisationId: caller.organisationId,
      event,
      now: now(),
      firstDelayMs: env.RINGPOST_RETRY_SCHEDULE[0] ?? 0,
    });
    return c.json(result, 202);
  } catch (error) {
    // The events table's foreign key is (organisation, agent): an unknown agent and another
    // organisation's agent are refused alike, without a lookup on every event.
    if (isForeignKeyViolation(error)) {
      throw new ApiError(
        400,
        'validation_failed',
        'agentId: No agent with this id in your organisation',
        {
          agentId: 'No agent with this id in your organisation',
        },
      );
    }
    // The contract refuses what the database cannot store (NUL, unpaired surrogates); should anything
    // slip past it, it is still this request's fault, not the server's. Only `metadata` (stored as JSON)
    // holds free text: the ids are checked by pattern.
    if (isDataException(error)) {
      const message = 'Holds a value that cannot be stored';
      throw new ApiError(400, 'validation_failed', `metadata: ${message}`, { metadata: message });
    }
    throw error;
  }
};
