import type { AppRouteHandler } from '../../app-env';
import { notFound } from '../../api-error';
import { callerOf } from '../../middleware/require-role';
import { listCallDeliveries } from '../../../db/queries/delivery-search';
import { toDeliverySummary } from '../deliveries/delivery-views';
import type { GetRoute } from './calls.routes';

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const caller = callerOf(c);
  const { callId } = c.req.valid('param');
  const rows = await listCallDeliveries(c.var.deps.db, caller.organisation.id, callId);
  // A call is known here by its deliveries: none in this organisation reads as no such call.
  if (rows.length === 0) throw notFound('Call');
  const withAgent = rows.find((row) => row.delivery.agentId !== null);
  return c.json(
    {
      callId,
      agentId: withAgent?.delivery.agentId ?? null,
      agentName: withAgent?.agentName ?? null,
      deliveries: rows.map(toDeliverySummary),
    },
    200,
  );
};
