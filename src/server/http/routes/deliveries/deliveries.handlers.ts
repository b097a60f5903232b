import { REDELIVERY_IN_PROGRESS } from '@contract/api-messages';
import type { AppRouteHandler } from '../../app-env';
import { ApiError, notFound } from '../../api-error';
import { callerOf } from '../../middleware/require-role';
import { notifyWorkers } from '../../../outbox/wake-up';
import { scheduleRedelivery } from '../../../outbox/redeliver';
import {
  findDelivery,
  findDeliveryWithBody,
  listAttempts,
  listDeliveries,
} from '../../../db/queries/delivery-search';
import {
  decodeCursor,
  encodeCursor,
  toDeliveryAttempt,
  toDeliveryDetail,
  toDeliverySummary,
} from './delivery-views';
import { redeliverToUrl as sendToUrl } from './redeliver-to-url';
import type { GetRoute, ListRoute, RedeliverRoute, RedeliverToUrlRoute } from './deliveries.routes';

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const caller = callerOf(c);
  const { cursor, limit, ...filters } = c.req.valid('query');
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  if (cursor !== undefined && !after) {
    throw new ApiError(400, 'validation_failed', 'cursor: Not a cursor from this API', {
      cursor: 'Not a cursor from this API',
    });
  }
  // One extra row tells whether there is a next page.
  const rows = await listDeliveries(c.var.deps.db, caller.organisation.id, {
    ...filters,
    ...(after ? { after } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json(
    {
      items: page.map(toDeliverySummary),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ createdAt: last.cursorCreatedAt, id: last.delivery.id })
          : null,
    },
    200,
  );
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const caller = callerOf(c);
  const { db } = c.var.deps;
  const row = await findDeliveryWithBody(db, caller.organisation.id, c.req.valid('param').id);
  if (!row) throw notFound('Delivery');
  return c.json(toDeliveryDetail(row, await listAttempts(db, row.delivery.id)), 200);
};

export const redeliver: AppRouteHandler<RedeliverRoute> = async (c) => {
  const caller = callerOf(c);
  const { db, now = () => new Date(), logger } = c.var.deps;
  const { id } = c.req.valid('param');
  const existing = await findDelivery(db, caller.organisation.id, id);
  if (!existing) throw notFound('Delivery');
  // The person's name goes on the delivery: the worker records its next attempt as theirs.
  if (!(await scheduleRedelivery(db, caller.organisation.id, id, now(), caller.user.name))) {
    throw new ApiError(409, 'conflict', REDELIVERY_IN_PROGRESS);
  }
  await notifyWorkers(db);
  logger.info('redelivery requested', { deliveryId: id, by: caller.user.id });
  const row = await findDelivery(db, caller.organisation.id, id);
  if (!row) throw notFound('Delivery');
  return c.json(toDeliverySummary(row), 202);
};

export const redeliverToUrl: AppRouteHandler<RedeliverToUrlRoute> = async (c) => {
  const row = await sendToUrl(
    c.var.deps,
    callerOf(c),
    c.req.valid('param').id,
    c.req.valid('json').url,
  );
  return c.json(toDeliveryAttempt(row), 200);
};
