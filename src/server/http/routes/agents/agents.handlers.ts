import type { Context } from 'hono';
import { UNKNOWN_ENDPOINT_ID } from '@contract/api-messages';
import { sortEventTypes } from '@contract/event-types';
import type { AppEnv, AppRouteHandler } from '../../app-env';
import { ApiError, notFound } from '../../api-error';
import { keyCallerOf } from '../../middleware/require-api-key';
import { callerOf } from '../../middleware/require-role';
import {
  agentExists,
  deleteExternalAgent,
  findAgent,
  listAgents,
  putExternalAgent,
  updateAgent,
} from '../../../db/queries/agents';
import { deleteAgentWebhook, upsertAgentWebhook } from '../../../db/queries/agent-webhooks';
import { findWebhook } from '../../../db/queries/webhooks';
import { syntheticCall } from '../../services/synthetic-call';
import { toAgent } from './agent-views';
import type {
  TestCallRoute,
  DeleteExternalRoute,
  GetRoute,
  PutExternalRoute,
  ListRoute,
  PutWebhookRoute,
  RemoveWebhookRoute,
  UpdateRoute,
} from './agents.routes';

async function agentView(c: Context<AppEnv>, organisationId: string, id: string) {
  const row = await findAgent(c.var.deps.db, organisationId, id);
  if (!row) throw notFound('Agent');
  return toAgent(row);
}

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const caller = callerOf(c);
  const rows = await listAgents(c.var.deps.db, caller.organisation.id);
  return c.json({ items: rows.map(toAgent) }, 200);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const caller = callerOf(c);
  return c.json(await agentView(c, caller.organisation.id, c.req.valid('param').id), 200);
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date() } = c.var.deps;
  const { id } = c.req.valid('param');
  if (!(await updateAgent(db, caller.organisation.id, id, c.req.valid('json'), now())))
    throw notFound('Agent');
  return c.json(await agentView(c, caller.organisation.id, id), 200);
};

export const putWebhook: AppRouteHandler<PutWebhookRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date() } = c.var.deps;
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  if (!(await agentExists(db, caller.organisation.id, id))) throw notFound('Agent');
  // Another organisation's endpoint is as unknown to this caller as one that does not exist.
  if (!(await findWebhook(db, caller.organisation.id, body.webhookId))) {
    throw new ApiError(400, 'validation_failed', `webhookId: ${UNKNOWN_ENDPOINT_ID}`, {
      webhookId: UNKNOWN_ENDPOINT_ID,
    });
  }
  await upsertAgentWebhook(
    db,
    {
      organisationId: caller.organisation.id,
      agentId: id,
      webhookId: body.webhookId,
      eventTypes: sortEventTypes(body.eventTypes),
    },
    now(),
  );
  return c.json(await agentView(c, caller.organisation.id, id), 200);
};

export const removeWebhook: AppRouteHandler<RemoveWebhookRoute> = async (c) => {
  const caller = callerOf(c);
  const { db } = c.var.deps;
  const { id } = c.req.valid('param');
  if (!(await agentExists(db, caller.organisation.id, id))) throw notFound('Agent');
  await deleteAgentWebhook(db, caller.organisation.id, id);
  return c.body(null, 204);
};

export const testCall: AppRouteHandler<TestCallRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, env, now = () => new Date(), logger } = c.var.deps;
  const { id } = c.req.valid('param');
  if (!(await agentExists(db, caller.organisation.id, id))) throw notFound('Agent');
  const start = now();
  const call = syntheticCall(id, start);
  // Each event is stored now, through the same path as POST /events; End and Analytics become due later.
  for (const { event, publishAt } of call.events) {
    await c.var.deps.ingestion.publish({
      organisationId: caller.organisation.id,
      event,
      now: start,
      publishAt,
      firstDelayMs: env.RINGPOST_RETRY_SCHEDULE[0] ?? 0,
    });
  }
  logger.info('test call published', { agentId: id, callId: call.callId, by: caller.user.id });
  return c.json(
    {
      callId: call.callId,
      events: call.events.map(({ event, publishAt }) => ({
        eventType: event.eventType,
        publishAt: publishAt.toISOString(),
      })),
    },
    202,
  );
};

export const putExternal: AppRouteHandler<PutExternalRoute> = async (c) => {
  const { organisationId } = keyCallerOf(c);
  const { db, now = () => new Date() } = c.var.deps;
  const { externalId } = c.req.valid('param');
  const { id, created } = await putExternalAgent(
    db,
    organisationId,
    externalId,
    c.req.valid('json'),
    now(),
  );
  const agent = await agentView(c, organisationId, id);
  return created ? c.json(agent, 201) : c.json(agent, 200);
};

export const deleteExternal: AppRouteHandler<DeleteExternalRoute> = async (c) => {
  const { organisationId } = keyCallerOf(c);
  const { db, now = () => new Date(), logger } = c.var.deps;
  const { externalId } = c.req.valid('param');
  const id = await deleteExternalAgent(db, organisationId, externalId, now());
  if (!id) throw notFound('Agent');
  logger.info('agent deleted by the platform', { agentId: id });
  return c.body(null, 204);
};
