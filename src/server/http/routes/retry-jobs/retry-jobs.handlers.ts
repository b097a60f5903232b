import type { Context } from 'hono';
import { RETRY_JOB_REFUSALS } from '@contract/api-messages';
import type { RetryJob } from '@contract/retry-jobs';
import type { AppEnv, AppRouteHandler, Caller } from '../../app-env';
import { ApiError, notFound } from '../../api-error';
import { callerOf } from '../../middleware/require-role';
import type { Queryable } from '../../../db/database';
import { publishChanges } from '../../../db/live-changes';
import {
  cancelRetryJob,
  countFailedSince,
  findRetryJob,
  findRunningRetryJob,
  insertRetryJob,
  listRetryJobs,
  lockEndpointForRetryJob,
  type RetryJobRow,
} from '../../../db/queries/retry-jobs';
import { findWebhook, type WebhookRow } from '../../../db/queries/webhooks';
import type {
  CancelRoute,
  CreateRoute,
  GetRoute,
  ListRoute,
  PreviewRoute,
} from './retry-jobs.routes';

function toRetryJob(row: RetryJobRow): RetryJob {
  return {
    id: row.id,
    webhookId: row.webhookId,
    since: row.since.toISOString(),
    status: row.status,
    total: row.total,
    requeued: row.requeued,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

async function findOwnedWebhook(
  c: Context<AppEnv>,
  caller: Caller,
  id: string,
  db: Queryable = c.var.deps.db,
): Promise<WebhookRow> {
  const row = await findWebhook(db, caller.organisation.id, id);
  if (!row) throw notFound('Endpoint');
  return row;
}

/** Open pages (the admin's other tabs, colleagues) show the job's progress; sent on commit. */
async function publishJob(db: Queryable, caller: Caller, row: RetryJobRow) {
  await publishChanges(db, [
    {
      organisationId: caller.organisation.id,
      retryJobs: [{ id: row.id, webhookId: row.webhookId }],
    },
  ]);
}

export const preview: AppRouteHandler<PreviewRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date() } = c.var.deps;
  const webhook = await findOwnedWebhook(c, caller, c.req.valid('param').id);
  const since = new Date(c.req.valid('query').since);
  const count = await countFailedSince(db, caller.organisation.id, webhook.id, since, now());
  return c.json({ count }, 200);
};

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), logger } = c.var.deps;
  const { id } = c.req.valid('param');
  const since = new Date(c.req.valid('json').since);
  const row = await db.transaction(async (tx) => {
    // Locked, so that two admins starting a job at once start one, and a disable waits for this.
    const webhook = await lockEndpointForRetryJob(tx, caller.organisation.id, id);
    if (!webhook) throw notFound('Endpoint');
    if (webhook.status === 'disabled')
      throw new ApiError(409, 'conflict', RETRY_JOB_REFUSALS.endpointDisabled);
    if (await findRunningRetryJob(tx, caller.organisation.id, webhook.id))
      throw new ApiError(409, 'conflict', RETRY_JOB_REFUSALS.alreadyRunning);
    const job = await insertRetryJob(tx, {
      organisationId: caller.organisation.id,
      webhookId: webhook.id,
      since,
      createdBy: caller.user.name,
      now: now(),
    });
    await publishJob(tx, caller, job);
    return job;
  });
  logger.info('retry job started', {
    retryJobId: row.id,
    webhookId: row.webhookId,
    total: row.total,
    by: caller.user.id,
  });
  return c.json(toRetryJob(row), 201);
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const caller = callerOf(c);
  const webhook = await findOwnedWebhook(c, caller, c.req.valid('param').id);
  const rows = await listRetryJobs(c.var.deps.db, caller.organisation.id, webhook.id);
  return c.json({ items: rows.map(toRetryJob) }, 200);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const caller = callerOf(c);
  const { id, jobId } = c.req.valid('param');
  const row = await findRetryJob(c.var.deps.db, caller.organisation.id, id, jobId);
  if (!row) throw notFound('Retry job');
  return c.json(toRetryJob(row), 200);
};

export const cancel: AppRouteHandler<CancelRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), logger } = c.var.deps;
  const { id, jobId } = c.req.valid('param');
  const row = await db.transaction(async (tx) => {
    const cancelled = await cancelRetryJob(tx, caller.organisation.id, id, jobId, now());
    if (cancelled) await publishJob(tx, caller, cancelled);
    return cancelled;
  });
  if (!row) {
    const existing = await findRetryJob(db, caller.organisation.id, id, jobId);
    if (!existing) throw notFound('Retry job');
    throw new ApiError(
      409,
      'conflict',
      existing.status === 'completed'
        ? RETRY_JOB_REFUSALS.alreadyFinished
        : RETRY_JOB_REFUSALS.alreadyCancelled,
    );
  }
  logger.info('retry job cancelled', { retryJobId: row.id, by: caller.user.id });
  return c.json(toRetryJob(row), 200);
};
