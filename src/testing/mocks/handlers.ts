import { agentHandlers } from './agent-handlers';
import { apiKeyHandlers } from './api-key-handlers';
import { authHandlers } from './auth-handlers';
import { deliveryHandlers } from './delivery-handlers';
import { healthHandlers } from './health-handlers';
import { requestGuardHandlers } from './request-guard-handlers';
import { networkHandlers } from './mock-api';
import { liveHandlers } from './mock-live';
import { retryJobHandlers } from './retry-job-handlers';
import { webhookHandlers } from './webhook-handlers';

/**
 * Every API route the browser app uses, over the in-memory database in mock-db.ts, behind the checks
 * the server makes of every request before its routes (request-guard-handlers.ts). The delivery,
 * retry-job and health routes come before the webhook ones: `POST /webhooks/:id/:action` answers 404
 * for actions it does not know, such as `test` or `retry-jobs`.
 */
export const handlers = [
  // Design mode's offline and server-errors networks (src/testing/scenarios.ts) come before everything.
  ...networkHandlers,
  ...requestGuardHandlers,
  ...authHandlers,
  ...agentHandlers,
  ...liveHandlers,
  ...deliveryHandlers,
  ...retryJobHandlers,
  ...healthHandlers,
  ...webhookHandlers,
  ...apiKeyHandlers,
];
