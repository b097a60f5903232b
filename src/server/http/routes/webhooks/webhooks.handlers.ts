import type { Context } from 'hono';
import type { AppEnv, AppRouteHandler, Caller } from '../../app-env';
import type { Transaction } from '../../../db/database';
import { ApiError, notFound } from '../../api-error';
import { callerOf } from '../../middleware/require-role';
import { listSubscriptions } from '../../../db/queries/agent-webhooks';
import { countSkippedDeliveries, replaySkippedDeliveries } from '../../../outbox/redeliver';
import { insertDeliveries, EVENT_SEQUENCE } from '../../../outbox/enqueue';
import { notifyWorkers } from '../../../outbox/wake-up';
import { findDelivery } from '../../../db/queries/delivery-search';
import { newDeliveryId } from '../../../db/ids';
import { EXAMPLE_PAYLOADS } from '@contract/call-event-examples';
import {
  disabledReason,
  DUPLICATE_ENDPOINT_URL,
  endpointDisabled,
  endpointInUse,
} from '@contract/api-messages';
import { runSignatureSelfTest } from '../../services/signature-self-test';
import { toDeliverySummary } from '../deliveries/delivery-views';
import {
  deleteWebhook,
  findWebhook,
  findWebhookByUrl,
  insertWebhook,
  listWebhooks,
  setWebhookStatus,
  updateWebhook,
  type WebhookRow,
} from '../../../db/queries/webhooks';
import { isForeignKeyViolation, isUniqueViolation } from '../../../db/errors';
import { generateWebhookSecret } from '../../../security/tokens';
import { openCredentials, sealHeaders, sealSecret } from '../../../security/webhook-credentials';
import { publishChanges } from '../../../db/live-changes';
import { listHealthHours, toWebhookHealth } from '../../../db/queries/webhook-health';
import { toWebhookDetail, toWebhookSummary } from './webhook-views';
import type {
  SendTestRoute,
  SignatureTestRoute,
  ReplaySkippedRoute,
  CreateRoute,
  DisableRoute,
  EnableRoute,
  GetRoute,
  HealthRoute,
  ListRoute,
  RemoveRoute,
  RotateSecretRoute,
  UpdateRoute,
} from './webhooks.routes';

/** How long a rotated-out secret keeps verifying, so receivers can switch without dropping events. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

const duplicateUrl = () =>
  new ApiError(409, 'conflict', DUPLICATE_ENDPOINT_URL.message, {
    url: DUPLICATE_ENDPOINT_URL.field,
  });

/** The canonical form (lower-case scheme and host, default port dropped), so that one URL is one endpoint. */
async function checkedUrl(c: Context<AppEnv>, raw: string): Promise<string> {
  const verdict = await c.var.deps.urlGuard.checkUrl(raw);
  if (!verdict.ok)
    throw new ApiError(400, 'validation_failed', verdict.reason, { url: verdict.reason });
  return new URL(raw).href;
}

async function detail(c: Context<AppEnv>, caller: Caller, row: WebhookRow) {
  const { db, now = () => new Date(), secretBox } = c.var.deps;
  const [subscriptions, skipped] = await Promise.all([
    listSubscriptions(db, caller.organisation.id, [row.id]),
    countSkippedDeliveries(db, caller.organisation.id, row.id),
  ]);
  return toWebhookDetail(
    row,
    openCredentials(secretBox, row),
    subscriptions,
    caller.role,
    now(),
    skipped,
  );
}

async function findOwned(c: Context<AppEnv>, caller: Caller, id: string): Promise<WebhookRow> {
  const row = await findWebhook(c.var.deps.db, caller.organisation.id, id);
  if (!row) throw notFound('Endpoint');
  return row;
}

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const caller = callerOf(c);
  const { db } = c.var.deps;
  const [rows, subscriptions] = await Promise.all([
    listWebhooks(db, caller.organisation.id),
    listSubscriptions(db, caller.organisation.id),
  ]);
  return c.json({ items: rows.map((row) => toWebhookSummary(row, subscriptions)) }, 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), logger, secretBox } = c.var.deps;
  const body = c.req.valid('json');
  const url = await checkedUrl(c, body.url);
  if (await findWebhookByUrl(db, caller.organisation.id, url)) throw duplicateUrl();
  const id = crypto.randomUUID();
  let row: WebhookRow;
  try {
    row = await insertWebhook(
      db,
      {
        id,
        organisationId: caller.organisation.id,
        url,
        description: body.description || null,
        headers: sealHeaders(secretBox, id, body.headers ?? {}),
        secret: sealSecret(secretBox, id, generateWebhookSecret()),
      },
      now(),
    );
  } catch (error) {
    // Two admins creating the same URL at once: the unique index decides.
    if (isUniqueViolation(error)) throw duplicateUrl();
    throw error;
  }
  logger.info('webhook created', {
    webhookId: row.id,
    organisationId: caller.organisation.id,
    by: caller.user.id,
  });
  return c.json(await detail(c, caller, row), 201);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const caller = callerOf(c);
  const row = await findOwned(c, caller, c.req.valid('param').id);
  return c.json(await detail(c, caller, row), 200);
};

export const update: AppRouteHandler<UpdateRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), secretBox } = c.var.deps;
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const current = await findOwned(c, caller, id);
  const patch: Parameters<typeof updateWebhook>[3] = {};
  if (body.url !== undefined) {
    const url = await checkedUrl(c, body.url);
    if (url !== current.url) {
      const other = await findWebhookByUrl(db, caller.organisation.id, url);
      if (other) throw duplicateUrl();
      patch.url = url;
    }
  }
  if (body.description !== undefined) patch.description = body.description || null;
  if (body.headers !== undefined) patch.headers = sealHeaders(secretBox, id, body.headers);
  let row: WebhookRow | undefined;
  try {
    row = await updateWebhook(db, caller.organisation.id, id, patch, now());
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateUrl();
    throw error;
  }
  if (!row) throw notFound('Endpoint');
  return c.json(await detail(c, caller, row), 200);
};

const inUse = (names: string[]) => new ApiError(409, 'webhook_in_use', endpointInUse(names));

export const remove: AppRouteHandler<RemoveRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, logger } = c.var.deps;
  const { id } = c.req.valid('param');
  await findOwned(c, caller, id);
  const subscriptions = await listSubscriptions(db, caller.organisation.id, [id]);
  if (subscriptions.length > 0) throw inUse(subscriptions.map((s) => s.agentName));
  try {
    if (!(await deleteWebhook(db, caller.organisation.id, id))) throw notFound('Endpoint');
  } catch (error) {
    // An agent subscribed between the check and the delete: the foreign key refuses it.
    if (isForeignKeyViolation(error)) {
      const now = await listSubscriptions(db, caller.organisation.id, [id]);
      throw inUse(now.map((s) => s.agentName));
    }
    throw error;
  }
  logger.info('webhook deleted', {
    webhookId: id,
    organisationId: caller.organisation.id,
    by: caller.user.id,
  });
  return c.body(null, 204);
};

export const rotateSecret: AppRouteHandler<RotateSecretRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), logger, secretBox } = c.var.deps;
  const { id } = c.req.valid('param');
  const current = await findOwned(c, caller, id);
  const at = now();
  const row = await updateWebhook(
    db,
    caller.organisation.id,
    id,
    {
      secret: sealSecret(secretBox, id, generateWebhookSecret()),
      // Sealed for the same endpoint and purpose, so it moves over as it is.
      previousSecret: current.secret,
      previousSecretExpiresAt: new Date(at.getTime() + PREVIOUS_SECRET_GRACE_MS),
    },
    at,
  );
  if (!row) throw notFound('Endpoint');
  logger.info('webhook secret rotated', { webhookId: id, by: caller.user.id });
  return c.json(await detail(c, caller, row), 200);
};

/** Enables or disables an endpoint by hand, announcing it to open pages in the same transaction. */
async function setStatusByHand(
  c: Context<AppEnv>,
  id: string,
  status: 'enabled' | 'disabled',
): Promise<WebhookRow> {
  const caller = callerOf(c);
  const { db, now = () => new Date() } = c.var.deps;
  const reason = status === 'disabled' ? disabledReason.byPerson(caller.user.name) : null;
  const row = await db.transaction(async (tx) => {
    const updated = await setWebhookStatus(tx, caller.organisation.id, id, status, reason, now());
    if (updated) await publishWebhookStatus(tx, caller, updated);
    return updated;
  });
  if (!row) throw notFound('Endpoint');
  return row;
}

export const enable: AppRouteHandler<EnableRoute> = async (c) => {
  const row = await setStatusByHand(c, c.req.valid('param').id, 'enabled');
  return c.json(await detail(c, callerOf(c), row), 200);
};

export const disable: AppRouteHandler<DisableRoute> = async (c) => {
  const row = await setStatusByHand(c, c.req.valid('param').id, 'disabled');
  return c.json(await detail(c, callerOf(c), row), 200);
};

/** Other people's open pages show the new status (sent when the transaction commits). */
async function publishWebhookStatus(tx: Transaction, caller: Caller, row: WebhookRow) {
  await publishChanges(tx, [
    { organisationId: caller.organisation.id, webhooks: [{ id: row.id, status: row.status }] },
  ]);
}

const disabledConflict = (action: string) =>
  new ApiError(409, 'conflict', endpointDisabled(action));

export const sendTest: AppRouteHandler<SendTestRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, env, now = () => new Date(), logger } = c.var.deps;
  const webhook = await findOwned(c, caller, c.req.valid('param').id);
  if (webhook.status === 'disabled') throw disabledConflict('send a test event');
  const { eventType } = c.req.valid('json');
  const at = now();
  const id = newDeliveryId(at.getTime());
  const example = EXAMPLE_PAYLOADS[eventType];
  // The example as it would arrive, addressed to this endpoint; test calls belong to no real agent or call.
  const body = JSON.stringify({
    ...example,
    id,
    url: webhook.url,
    description: webhook.description ?? '',
  });
  const callId = `test_${id.slice(4).toLowerCase()}`;
  await db.transaction(async (tx) => {
    await insertDeliveries(tx, [
      {
        id,
        organisationId: caller.organisation.id,
        webhookId: webhook.id,
        eventId: null,
        agentId: null,
        callId,
        eventType,
        sequence: EVENT_SEQUENCE[eventType],
        body,
        status: 'pending',
        nextAttemptAt: new Date(at.getTime() + (env.RINGPOST_RETRY_SCHEDULE[0] ?? 0)),
        isTest: true,
        createdAt: at,
      },
    ]);
    await notifyWorkers(tx);
    await publishChanges(tx, [
      {
        organisationId: caller.organisation.id,
        deliveries: [{ id, webhookId: webhook.id, callId, status: 'pending' }],
      },
    ]);
  });
  logger.info('test event queued', { deliveryId: id, webhookId: webhook.id, by: caller.user.id });
  const row = await findDelivery(db, caller.organisation.id, id);
  if (!row) throw notFound('Delivery');
  return c.json(toDeliverySummary(row), 202);
};

export const signatureTest: AppRouteHandler<SignatureTestRoute> = async (c) => {
  const caller = callerOf(c);
  const { sender, env, now = () => new Date(), secretBox } = c.var.deps;
  const webhook = await findOwned(c, caller, c.req.valid('param').id);
  if (webhook.status === 'disabled') throw disabledConflict('run the signature self-test');
  const { secret, headers } = openCredentials(secretBox, webhook);
  // Three requests in a row; each gets a shorter timeout so the whole test answers within a minute.
  const result = await runSignatureSelfTest(
    sender,
    { ...webhook, secret, headers },
    {
      timeoutMs: Math.min(env.RINGPOST_DELIVERY_TIMEOUT, 15_000),
      now: now(),
    },
  );
  return c.json(result, 200);
};

export const replaySkipped: AppRouteHandler<ReplaySkippedRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), logger } = c.var.deps;
  const webhook = await findOwned(c, caller, c.req.valid('param').id);
  if (webhook.status === 'disabled') throw disabledConflict('replay its skipped deliveries');
  const replayed = await db.transaction(async (tx) => {
    const rows = await replaySkippedDeliveries(tx, caller.organisation.id, webhook.id, now());
    if (rows.length > 0) {
      await notifyWorkers(tx);
      await publishChanges(tx, [
        {
          organisationId: caller.organisation.id,
          deliveries: rows.map((d) => ({
            id: d.id,
            webhookId: webhook.id,
            callId: d.callId,
            status: 'pending' as const,
          })),
        },
      ]);
    }
    return rows.length;
  });
  logger.info('skipped deliveries replayed', {
    webhookId: webhook.id,
    count: replayed,
    by: caller.user.id,
  });
  return c.json({ replayed }, 200);
};

export const health: AppRouteHandler<HealthRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date() } = c.var.deps;
  const webhook = await findOwned(c, caller, c.req.valid('param').id);
  const at = now();
  const hours = await listHealthHours(db, caller.organisation.id, webhook.id, at);
  return c.json(toWebhookHealth(hours, at), 200);
};
